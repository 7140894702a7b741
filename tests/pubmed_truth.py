"""True records, a seeded writer of PubMed text records, and the faults it can inject.

``TRUE_RECORDS`` is hand-written ground truth. :func:`generate` turns it into
cases in the seed's format (``PMID:``/``Title:``/``Abstract:``/``Citation:``/
``Link:`` lines), each clean or carrying one known fault (``combo``: two), and
:func:`expected_fields` says what a converter must get out of each case.

A fault injector is ``inject(draft, rng, variant) -> variant | None``: it damages
the draft the way one known export fault does and names the variant it used, or
returns ``None`` when the true record gives it nothing to damage (no non-ASCII
text to garble, no page range to abbreviate).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

Author = tuple[str, str] | tuple[str, str, str] | str  # (family, initials[, suffix]) or group


def _r(pmid: str, title: str, authors: list[Author], journal: str, date: str,
       volume: str | None, issue: str | None, pages: str | None, doi: str | None, *,
       et_al: bool = False, pmcid: str | None = None, abstract: str | None = None) -> dict:
    year, month, day = (date.split() + [None, None])[:3]
    return {"pmid": pmid, "title": title, "authors": authors, "et_al": et_al,
            "journal": journal, "year": year, "month": month, "day": day,
            "volume": volume, "issue": issue, "pages": pages, "doi": doi,
            "pmcid": pmcid, "abstract": abstract}


TRUE_RECORDS: list[dict] = [
    _r("33708679", "Management of Metastatic Spine and Hip Alveolar Soft Part Sarcoma: Case Report "
       "and Review of Literature.", [("Shah", "M"), ("Jain", "R"), ("Patil", "A")],
       "Asian J Neurosurg", "2020 Dec 21", "15", "4", "1011-1015", "10.4103/ajns.AJNS_290_20",
       et_al=True, pmcid="PMC7869257",
       abstract="Alveolar soft part sarcoma (ASPS) is a rare soft tissue tumor. Primary or "
       "metastatic involvement of the spine is unusual in ASPS."),
    _r("28380005", "Prevalence of hypertension among adults in rural Ethiopia: A community-based "
       "cross-sectional study.", [("Abebe", "SM"), ("Berhane", "Y"), ("Worku", "A"), ("Getachew", "A")],
       "PLoS One", "2017 Apr 5", "12", "4", "e0174944", "10.1371/journal.pone.0174944",
       pmcid="PMC5381223",
       abstract="Hypertension is a growing public health problem in sub-Saharan Africa. We assessed "
       "its prevalence among 2,500 adults aged ≥25 years."),
    _r("33782057", "The PRISMA 2020 statement: an updated guideline for reporting systematic reviews.",
       [("Page", "MJ"), ("McKenzie", "JE"), ("Bossuyt", "PM"), ("Boutron", "I"), ("Hoffmann", "TC"),
        ("Mulrow", "CD"), ("Shamseer", "L")], "BMJ", "2021 Mar 29", "372", None, "n71",
       "10.1136/bmj.n71", et_al=True, pmcid="PMC8005924"),
    _r("33301246", "Safety and Efficacy of the BNT162b2 mRNA Covid-19 Vaccine.",
       [("Polack", "FP"), ("Thomas", "SJ"), ("Kitchin", "N"), ("Absalon", "J"), ("Gurtman", "A"),
        ("Lockhart", "S")], "N Engl J Med", "2020 Dec 31", "383", "27", "2603-2615",
       "10.1056/NEJMoa2034577", et_al=True, pmcid="PMC7745181",
       abstract="Severe acute respiratory syndrome coronavirus 2 (SARS-CoV-2) infection and the "
       "resulting coronavirus disease 2019 (Covid-19) have afflicted tens of millions of people."),
    _r("31048492", "Hydrogen-bond networks in β-lactamase catalysis revealed by neutron crystallography.",
       [("Kovačević", "M"), ("Lindqvist", "E"), ("Hartmann", "F")], "Science (New York, N.Y.)",
       "2019 May 10", "364", "6440", "589-593", "10.1126/science.aav1234",
       abstract="Serine β-lactamases hydrolyse penicillins with remarkable efficiency."),
    _r("30297415", "Gut microbial metabolites entrain host circadian clocks through histone "
       "deacetylase 3.", [("Zhang", "Y"), ("Liu", "Q"), ("Chen", "X")], "Proc Natl Acad Sci U S A",
       "2018 Oct 23", "115", "43", "11045-11050", "10.1073/pnas.1807356115"),
    _r("33372120", "Convergent evolution of antibiotic resistance in Pseudomonas aeruginosa during "
       "chronic infection.", [("Ramírez-Castillo", "FY"), ("Loera-Muro", "A"), ("Jacques", "M")],
       "Proceedings of the National Academy of Sciences of the United States of America",
       "2021 Jan 5", "118", "1", "e2016214118", "10.1073/pnas.2016214118",
       abstract="Resistance arose independently in 14 of 17 patients (82 %)."),
    _r("34916217", "Long-term outcomes after COVID-19. A prospective cohort study in discharged "
       "patients.", [("Lindström", "B"), ("Ødegaard", "H"), ("Eriksson", "J")], "Eur Respir J",
       "2022 Mar 24", "59", "3", "2102455", "10.1183/13993003.02455-2021",
       abstract="Persistent symptoms were assessed 12 months after discharge."),
    _r("33208367", "Should we screen for atrial fibrillation? Evidence from the LOOP randomised trial.",
       [("Svendsen", "JH"), ("Diederichsen", "SZ"), ("Højberg", "S")], "Heart", "2021 May", "107",
       "9", "702-708", "10.1136/heartjnl-2020-318421"),
    _r("31840768", "Is low-dose aspirin still indicated for the primary prevention of cardiovascular "
       "disease?", [("Rocca", "B"), ("Patrono", "C")], "Eur Heart J", "2020 Feb 7", "41", "6",
       "801-803", "10.1093/eurheartj/ehz911"),
    _r("35739136", "\"Long COVID\" in children and adolescents: a systematic review and meta-analyses.",
       [("Lopez-Leon", "S"), ("Wegman-Ostrosky", "T"), ("Ayuzo Del Valle", "NC"), ("Perelman", "C")],
       "Sci Rep", "2022 Jun 23", "12", "1", "9950", "10.1038/s41598-022-13495-5", et_al=True,
       abstract="Twenty-one studies with 80,071 children and adolescents were included."),
    _r("31620843", "[Diagnosis and treatment of acute pulmonary embolism in pregnancy].",
       [("Müller", "K"), ("Schäfer", "T"), ("Weiß", "C")], "Med Klin Intensivmed Notfmed",
       "2020 Apr", "115", "3", "212-218", "10.1007/s00063-019-00629-1",
       abstract="Die Lungenembolie ist eine führende Ursache mütterlicher Morbidität."),
    _r("32711911", "Efficacy of tocilizumab in patients with severe COVID-19 pneumonia: a retrospective "
       "cohort study.", [("García-López", "MA"), ("Martínez-Sánchez", "R"), ("Núñez-Gil", "IJ")],
       "Enfermedades Infecciosas y Microbiología Clínica", "2021 Aug", "39", "7", "330-336",
       "10.1016/j.eimc.2020.06.015",
       abstract="Se incluyeron 112 pacientes con neumonía grave por SARS-CoV-2."),
    _r("31424099", "Physical activity and cognitive decline in older adults: the Rotterdam Study.",
       [("van der Berg", "J"), ("Ikram", "MA"), ("de Jong", "FJ")], "J Am Geriatr Soc",
       "2019 Nov", "67", "11", "2313-2320", "10.1111/jgs.16110", et_al=True,
       abstract="Higher activity was associated with slower decline over 7.2 years."),
    _r("30845818", "Ketamine for treatment-resistant depression: a randomized, double-blind, "
       "placebo-controlled trial.", [("O'Brien", "JA"), ("Fava", "M"), ("Papakostas", "GI")],
       "Am J Psychiatry", "2019 Jun 1", "176", "6", "428-438", "10.1176/appi.ajp.2019.19020172"),
    _r("32835336", "An integrated national scale SARS-CoV-2 genomic surveillance network.",
       ["COVID-19 Genomics UK (COG-UK) Consortium"], "Lancet Microbe", "2020 Jul", "1", "3",
       "e99-e100", "10.1016/S2666-5247(20)30054-9", pmcid="PMC7266609"),
    _r("32678530", "Dexamethasone in Hospitalized Patients with Covid-19.",
       ["RECOVERY Collaborative Group", ("Horby", "P"), ("Lim", "WS"), ("Emberson", "JR")],
       "N Engl J Med", "2021 Feb 25", "384", "8", "693-704", "10.1056/NEJMoa2021436", et_al=True,
       abstract="Coronavirus disease 2019 (Covid-19) is associated with diffuse lung damage."),
    _r("18155294", "The von Hippel-Lindau tumor suppressor protein: an update.",
       [("Kaelin", "WG", "Jr")], "Methods Enzymol", "2007", "435", None, "371-383",
       "10.1016/S0076-6879(07)35019-2"),
    _r("24564409", "Gene set enrichment analysis for non-model organisms: a comparative evaluation of "
       "annotation transfer.", [("Nguyễn", "TH"), ("Ho", "TB"), ("Nguyen", "VH")],
       "BMC Bioinformatics", "2014", "15 Suppl 1", None, "S3", "10.1186/1471-2105-15-S1-S3",
       abstract="Annotation coverage was 62 % (±4 %) across species."),
    _r("30845326", "Typhoid fever surveillance in Africa: lessons learned from the TSAP programme.",
       [("Marks", "F"), ("von Kalckreuth", "V"), ("Im", "J")], "Clin Infect Dis", "2019 Mar 7", "68",
       "Suppl 2", "S93-S100", "10.1093/cid/ciy1091"),
    _r("36863706", "Circulating tumour DNA for minimal residual disease detection after curative "
       "surgery for colorectal cancer.", [("Šimić", "I"), ("Horvat", "M")], "Clin Chem Lab Med",
       "2023 Mar 2", None, None, None, "10.1515/cclm-2022-1234",
       abstract="ctDNA was detected in 18 of 96 patients ≥4 weeks after surgery."),
    _r("29683233", "Neural mechanisms of music-evoked emotions: a review of neuroimaging studies.",
       [("Koelsch", "S")], "Ann. N. Y. Acad. Sci.", "2018 Jul", "1423", "1", "82-94",
       "10.1111/nyas.13659"),
    _r("33661016", "Interventions to reduce loneliness in community-dwelling older adults.",
       [("dos Santos", "RG"), ("Hernández-Ruiz", "P"), ("Moyle", "W")], "Cochrane Database Syst Rev",
       "2021 Mar 4", "3", "3", "CD013587", "10.1002/14651858.CD013587.pub2"),
    _r("33069327", "Global burden of 87 risk factors in 204 countries and territories, 1990-2019: a "
       "systematic analysis for the Global Burden of Disease Study 2019.",
       ["GBD 2019 Risk Factors Collaborators"], "Lancet", "2020 Oct 17", "396", "10258", "1223-1249",
       "10.1016/S0140-6736(20)30752-2", pmcid="PMC7566194"),
    _r("25574913", "Interferon-γ release assays versus tuberculin skin testing for latent tuberculosis "
       "screening in health-care workers.", [("Şahin", "U"), ("Yılmaz", "E"), ("Demir", "A")],
       "Int J Tuberc Lung Dis", "2015 Feb", "19", "2", "158-164", "10.5588/ijtld.14.0417"),
    _r("35416547", "Hip fracture surgery within 24 hours – an observational study of 52 000 patients.",
       [("Mäkinen", "T"), ("Björk", "L")], "Acta Orthop", "2022", "93", None, "256-262",
       "10.2340/17453674.2022.1234", abstract="Mortality at 30 days was 7.4 % vs. 9.1 %."),
    _r("35871544", "Effect of vitamin D3 supplementation on fracture risk in U.S. adults: a randomized "
       "trial.", [("LeBoff", "MS"), ("Chou", "SH"), ("Ratliff", "KA")], "N Engl J Med", "2022 Jul 28",
       "387", "4", "299-309", "10.1056/NEJMoa2202106", et_al=True),
    _r("31994736", "Laparoscopic vs. open appendectomy in children: a multicentre randomised "
       "controlled trial.", [("St-Louis", "E"), ("Lévesque", "C")], "Br J Surg", "2020 Mar", "107",
       "4", "456-464", "10.1002/bjs.11423"),
    _r("29800636", "Prevalence of methicillin-resistant S. aureus colonisation in haemodialysis units "
       "in Ireland.", [("Ó Súilleabháin", "C"), ("Fitzpatrick", "F"), ("Humphreys", "H")],
       "J Hosp Infect", "2018 Nov", "100", "3", "e45-e52", "10.1016/j.jhin.2018.05.012"),
    _r("14772469", "Smoking and carcinoma of the lung; preliminary report.",
       [("Doll", "R"), ("Hill", "AB")], "Br Med J", "1950 Sep 30", "2", "4682", "739-748",
       "10.1136/bmj.2.4682.739", pmcid="PMC2038856"),
    _r("35296856", "SARS-CoV-2 Omicron variant: immune escape and vaccine effectiveness after a third "
       "dose.", [("Andrews", "N"), ("Stowe", "J"), ("Kirsebom", "F")], "Nat Med", "2022 Apr", "28", "4",
       "745-754", "10.1038/s41591-022-01753-y", et_al=True),
    _r("32484439", "Mitochondrial fission controls cell fate in the developing cortex.",
       [("Iwata", "R"), ("Casimir", "P"), ("Vanderhaeghen", "P")], "eLife", "2020 Jun 2", "9", None,
       "e54321", "10.7554/eLife.54321", abstract="Daughter cells inherit mitochondria unequally."),
    _r("33622734", "CRISPR interference screens reveal essential genes of Mycobacterium tuberculosis "
       "(H37Rv).", [("Bosch", "B"), ("DeJesus", "MA"), ("Poulton", "NC")], "mBio", "2021 Feb 23",
       "12", "1", "e03277-20", "10.1128/mBio.03277-20"),
    _r("33832957", "Burnout among nurses during the COVID-19 pandemic: a cross-sectional survey in 12 "
       "countries.", [("Jørgensen", "SB"), ("Gonçalves", "AM"), ("Ström", "L")], "BMJ Open",
       "2021 Apr 8", "11", "4", "e045343", "10.1136/bmjopen-2020-045343",
       abstract="Of 9,612 respondents, 38 % reported high emotional exhaustion."),
    _r("33502335", "Effectiveness of a smartphone app for smoking cessation (Quit Genius): randomized "
       "controlled trial.", [("Webb", "J"), ("Peerbux", "S"), ("Smittenaar", "P")],
       "J Med Internet Res", "2021 Jan 27", "23", "1", "e23456", "10.2196/23456"),
    _r("36258938", "Spontaneous Pneumomediastinum in a Young Adult After Vaping: A Case Report.",
       [("Al-Khatib", "SM"), ("Rahman", "A")], "Cureus", "2022 Sep 14", "14", "9", "e29171",
       "10.7759/cureus.29171"),
    _r("33578659", "A wearable inertial sensor system for gait analysis in Parkinson's disease.",
       [("Pérez-López", "C"), ("Samà", "A"), ("Rodríguez-Martín", "D")], "Sensors (Basel)",
       "2021 Feb 10", "21", "4", "1234", "10.3390/s21041234"),
    _r("33057201", "Antioxidant activity of polyphenols from olive (Olea europaea L.) leaves: extraction "
       "and characterisation.", [("Papadopoulou", "A"), ("Kyriakidis", "N")],
       "Molecules (Basel, Switzerland)", "2020 Oct 12", "25", "20", "4655",
       "10.3390/molecules25204655", abstract="Extracts held 12.3 ± 0.4 mg gallic acid per g."),
    _r("31356065", "Total Synthesis of (−)-Strychnine via a Cascade Cyclization.",
       [("Martin", "DBC"), ("Vanderwal", "CD")], "Journal of the American Chemical Society",
       "2019 Aug 14", "141", "32", "12543-12547", "10.1021/jacs.9b06612"),
    _r("33357456", "Antibiotic resistance in Africa: a systematic review of surveillance data, "
       "2010-2020.", [("Tadesse", "BT"), ("Ashley", "EA"), ("Ongarello", "S")],
       "The Lancet. Infectious diseases", "2021 Jun", "21", "6", "e156-e166",
       "10.1016/S1473-3099(20)30789-1"),
    _r("31570991", "[Fall prevention in older people in long-term care: an overview].",
       [("Schönfeld", "T"), ("Becker", "C"), ("Lindemann", "U")],
       "Zeitschrift für Gerontologie und Geriatrie", "2019 Dec", "52", "8", "735-741",
       "10.1007/s00391-019-01634-7", abstract="Stürze sind bei Pflegeheimbewohnern häufig."),
    _r("31078566", "Sex differences in outcomes after transcatheter aortic valve implantation.",
       [("Ruiz-Nodar", "JM"), ("de la Cruz", "R")], "Rev Esp Cardiol (Engl Ed)", "2020 Jan", "73",
       "1", "38-45", "10.1016/j.rec.2019.03.011"),
    _r("29781959", "Outcomes of pediatric sepsis in low-resource settings: the role of early fluid "
       "resuscitation.", [("de la Cruz", "R"), ("Mendoza", "L")], "Pediatr Crit Care Med",
       "2018 Aug", "19", "8", "e402-e410", "10.1097/PCC.0000000000001602"),
    _r("28964632", "Hepatitis B vaccination: thirty years of progress and remaining challenges.",
       [("Van Damme", "P"), ("Ward", "JW")], "Vaccine", "2017 Nov 1", "35", "46", "6283-6290",
       "10.1016/j.vaccine.2017.09.003"),
    _r("29242004", "Zika virus infection and microcephaly: a case-control study in Pernambuco, Brazil.",
       [("da Silva", "RM"), ("Araújo", "TV"), ("Ximenes", "RA")], "Lancet Infect Dis", "2018 Mar",
       "18", "3", "328-336", "10.1016/S1473-3099(17)30727-2",
       abstract="Microcephaly was associated with laboratory-confirmed Zika infection (OR 73.1)."),
    _r("22052934", "Secondary prevention and risk reduction therapy for patients with coronary and "
       "other atherosclerotic vascular disease: 2011 update.",
       [("Smith", "SC", "Jr"), ("Benjamin", "EJ"), ("Bonow", "RO")], "Circulation", "2011 Nov 29",
       "124", "22", "2458-2473", "10.1161/CIR.0b013e318235eb4d", et_al=True),
    _r("33264556", "Repurposed Antiviral Drugs for Covid-19 - Interim WHO Solidarity Trial Results.",
       ["WHO Solidarity Trial Consortium", ("Pan", "H"), ("Peto", "R")], "N Engl J Med",
       "2021 Feb 11", "384", "6", "497-511", "10.1056/NEJMoa2023184", et_al=True),
    _r("33298413", "2. Classification and Diagnosis of Diabetes: Standards of Medical Care in "
       "Diabetes-2021.", ["American Diabetes Association"], "Diabetes Care", "2021 Jan", "44",
       "Suppl 1", "S15-S33", "10.2337/dc21-S002"),
    _r("34931088", "Tackling antimicrobial resistance in the post-pandemic era.", [], "Nat Microbiol",
       "2022 Jan", "7", "1", "1", "10.1038/s41564-021-01047-3"),
    _r("34177924", "Trained immunity induced by BCG vaccination protects against heterologous "
       "infections: a systematic review.", [("Netea", "MG"), ("Domínguez-Andrés", "J")],
       "Front Immunol", "2021 Jun 10", "12", None, "678908", "10.3389/fimmu.2021.678908"),
    _r("32138266", "Air pollution and emergency department visits for asthma in Seoul, Korea: a "
       "time-series analysis.", [("Kim", "HJ"), ("Lee", "JH"), ("Park", "SY")],
       "Int J Environ Res Public Health", "2020 Mar 3", "17", "5", "1729",
       "10.3390/ijerph17051729", abstract="PM2.5 rose by 10 μg/m³ on 41 days."),
    _r("32669715", "A single-cell transcriptomic atlas of the ageing mouse brain.",
       [("Ximerakis", "M"), ("Lipnick", "SL"), ("Innes", "BT")], "Nature", "2020 Jul", "583",
       "7816", "425-430", "10.1038/s41586-020-2497-4", et_al=True),
    _r("34380046", "Mapping the human intestinal immune system at single-cell resolution: from the "
       "small intestine to the colon.", [("Elmentaite", "R"), ("Kumasaka", "N"), ("Roberts", "K")],
       "Cell", "2021 Sep 2", "184", "18", "4734-4752.e20", "10.1016/j.cell.2021.08.003", et_al=True),
    _r("36796055", "Pembrolizumab plus chemotherapy versus chemotherapy alone for first-line treatment "
       "of metastatic non-small-cell lung cancer (KEYNOTE-189): 5-year outcomes.",
       [("Garassino", "MC"), ("Gadgeel", "S"), ("Speranza", "G")], "J Clin Oncol", "2023 Apr 10",
       "41", "11", "1992-1998", "10.1200/JCO.22.01989", et_al=True),
    _r("33326301", "Prone positioning in awake, nonintubated patients with COVID-19: a multinational "
       "meta-trial.", [("Ehrmann", "S"), ("Li", "J"), ("Ibarra-Estrada", "M")],
       "Am J Respir Crit Care Med", "2021 May 1", "203", "9", "1115-1124",
       "10.1164/rccm.202009-3456OC"),
    _r("30557452", "Cardiorespiratory fitness and risk of dementia: a prospective cohort study of "
       "Swedish conscripts.", [("Nyberg", "J"), ("Åberg", "MA")], "Ann Intern Med", "2019 Jan 1",
       "170", "1", "22-30", "10.7326/M18-1234"),
    _r("31108546", "Hepatitis E virus infection in solid organ transplant recipients: a European "
       "multicentre study.", [("Kamar", "N"), ("Izopet", "J"), ("Lhomme", "S")], "Hepatology",
       "2019 Oct", "70", "4", "1280-1292", "10.1002/hep.30656"),
    _r("31300514", "Anti-TNF-α therapy and the risk of serious infections in inflammatory bowel "
       "disease: a nationwide cohort study.", [("Kirchgesner", "J"), ("Lemaitre", "M"), ("Carrat", "F")],
       "Gut", "2020 Mar", "69", "3", "448-455", "10.1136/gutjnl-2019-318812",
       abstract="Anti-TNF-α agents doubled the risk of serious infection (HR 1.99)."),
    _r("31592734", "Deep Learning for Chest Radiograph Diagnosis in the Emergency Department.",
       [("Hwang", "EJ"), ("Nam", "JG"), ("Lim", "WH")], "Radiology", "2019 Dec", "293", "3",
       "573-580", "10.1148/radiol.2019191225"),
    _r("4567331", "Regulation of the tryptophan operon in Escherichia coli.", [("Yanofsky", "C")],
       "J Mol Biol", "1972", "65", None, "1-13", None),
    _r("30328563", "Acute kidney injury in critically ill children. Part 2: Management.",
       [("Sutherland", "SM"), ("Kwiatkowski", "DM")], "Pediatr Nephrol", "2019 May", "34", "5",
       "789-799", "10.1007/s00467-018-4123-4"),
    _r("32064853", "[The epidemiological characteristics of an outbreak of 2019 novel coronavirus "
       "diseases (COVID-19) in China].",
       ["Novel Coronavirus Pneumonia Emergency Response Epidemiology Team"],
       "Zhonghua Liu Xing Bing Xue Za Zhi", "2020 Feb 10", "41", "2", "145-151",
       "10.3760/cma.j.issn.0254-6450.2020.02.003"),
    _r("32444460", "Features of 20 133 UK patients in hospital with covid-19 using the ISARIC WHO "
       "Clinical Characterisation Protocol: prospective observational cohort study.",
       [("Docherty", "AB"), ("Harrison", "EM"), "ISARIC4C investigators"], "BMJ", "2020 May 22",
       "369", None, "m1985", "10.1136/bmj.m1985", pmcid="PMC7243036"),
    _r("34610281", "Venetoclax plus azacitidine in older patients with acute myeloid leukaemia: "
       "long-term follow-up of VIALE-A.", [("DiNardo", "CD"), ("Jonas", "BA"), ("Pullarkat", "V")],
       "Blood", "2021 Oct 7", "138", "14", "1234-1243", "10.1182/blood.2021014233", et_al=True),
    _r("32684839", "Pollinator decline and crop yields: evidence from 30 years of field data.",
       [("Ní Bhriain", "S"), ("McDonald-Smith", "JA")], "Philosophical transactions of the Royal "
       "Society of London. Series B, Biological sciences", "2020 Sep 14", "375", "1808", "20190520",
       "10.1098/rstb.2019.0520"),
    _r("35238354", "Structural basis for inhibition of the SARS-CoV-2 main protease by nirmatrelvir.",
       [("Zhao", "Y"), ("Fang", "C"), ("Zhang", "Q")], "J. Biol. Chem.", "2022 Jun", "298", "6",
       "101988", "10.1016/j.jbc.2022.101988"),
    _r("29414272", "Efficacy of St. John's wort extract in mild to moderate depression: a randomised "
       "placebo-controlled trial.", [("Reynolds", "CF", "3rd"), ("Lenze", "EJ")],
       "JAMA Netw Open", "2018 Feb 2", "1", "2", "e180123", "10.1001/jamanetworkopen.2018.0123"),
    _r("31521316", "\"Is it safe?\" Patients' perspectives on returning to hospital during the "
       "pandemic.", [("Kowalska", "A"), ("Wiśniewski", "P")], "Patient Educ Couns", "2021 Feb",
       "104", "2", "257-263", "10.1016/j.pec.2020.09.012"),
    _r("31727431", "Perioperative management of anticoagulation: a practical guide.",
       [("Keeling", "D"), ("Tait", "RC")], "Br J Anaesth", "2019 Dec", "123", "Suppl 2",
       "ii45-ii52", "10.1016/j.bja.2019.09.011"),
    _r("30021870", "Nonalcoholic fatty liver disease in children: where are we now?",
       [("Mann", "JP"), ("Valenti", "L"), ("Scorletti", "E")], "Semin Liver Dis", "2018 Feb",
       "38", "1", "1-13", "10.1055/s-0038-1627456"),
    _r("24002001", "[Prévalence de l'obésité chez l'enfant en France : résultats de l'étude ÉLFE].",
       [("Lefèvre", "C"), ("Charles", "MA")], "Arch Pediatr", "2013 Oct", "20", "10",
       "1081-1087", "10.1016/j.arcped.2013.07.010",
       abstract="La prévalence était de 12,4 % à l'âge de 5 ans."),
    _r("34555340", "Effect of Convalescent Plasma on Organ Support-Free Days in Critically Ill "
       "Patients With COVID-19: A Randomized Clinical Trial.",
       ["Writing Committee for the REMAP-CAP Investigators", ("Estcourt", "LJ")], "JAMA",
       "2021 Nov 2", "326", "17", "1690-1702", "10.1001/jama.2021.18178", et_al=True),
]

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
FIELDS = ("title", "author", "journal", "year", "volume", "issue", "pages", "doi", "pmid")
_KEY_START = re.compile(r"^\s*(PMID|PMCID|DOI|Title|Abstract|Citation|Link)\s*:", re.I)


# ---------------------------------------------------------------- the draft and its rendering


@dataclass
class Draft:
    """The pieces of one PubMed text record, damaged in place by injectors, then rendered."""

    truth: dict
    shape: str  # "seed": "Year; Vol(Iss):Pages. doi: X"; "pubmed": PubMed's own cite shape
    lines: dict[str, str | None]  # PMID, Title, Abstract, Link (Citation comes from parts)
    authors: str | None
    cite_title: str
    journal: str
    volume: str | None
    issue: str | None
    pages: str | None
    doi: str | None  # the DOI as written, with its prefix ("doi: 10.x/y")
    overrides: dict[str, str | None] = field(default_factory=dict)  # expected-field changes
    line_hooks: list[Callable[[dict[str, str | None]], None]] = field(default_factory=list)
    text_hooks: list[Callable[[str], str]] = field(default_factory=list)
    drop_citation: bool = False
    epub: bool = False  # PubMed shape: an "Epub <date>." trailer
    semicolon: str = "; "  # seed shape: "2020; 15" or "2020;15"
    no_year: bool = False

    def citation(self) -> str:
        t = self.truth
        head = f"{self.authors}. " if self.authors else ""
        journal = self.journal if self.journal[-1:] in ".?!" else self.journal + "."
        vol = (self.volume or "") + (f"({self.issue})" if self.issue else "")
        if self.shape == "pubmed":
            date = " ".join(p for p in (t["year"], t["month"], t["day"]) if p)
            src = date + (f";{vol}" if vol else "") + (f":{self.pages}" if self.pages else "") + "."
            tail = [f"{self.doi}." if self.doi and not self.doi.endswith(".") else self.doi]
            if self.epub:
                tail.append(f"Epub {date}.")
            tail.append(f"PMID: {t['pmid']}" + (f"; PMCID: {t['pmcid']}." if t["pmcid"] else "."))
        else:
            year = None if self.no_year else t["year"]
            src = f"{year}{self.semicolon}{vol}" if year and vol else year or vol
            src += (f":{self.pages}" if self.pages else "") + "."
            tail = [self.doi]
        return " ".join(p for p in [head + _with_stop(self.cite_title), journal, src, *tail] if p)


def _with_stop(title: str) -> str:
    return title if title[-1:] in ".?!" else title + "."


def new_draft(truth: dict, rng: random.Random, shape: str) -> Draft:
    lines = {"PMID": truth["pmid"], "Title": truth["title"], "Abstract": truth["abstract"],
             "Link": f"https://pubmed.ncbi.nlm.nih.gov/{truth['pmid']}/"}
    return Draft(truth, shape, lines, render_authors(truth, rng, shape), truth["title"],
                 truth["journal"], truth["volume"], truth["issue"], truth["pages"],
                 f"doi: {truth['doi']}" if truth["doi"] else None,
                 epub=bool(truth["month"]) and rng.random() < 0.3,
                 semicolon=rng.choice(["; ", "; ", ";"]))


def render_authors(truth: dict, rng: random.Random, shape: str) -> str | None:
    """NLM author list: ``Family Initials`` joined by ', ', groups set off by '; '."""
    names = truth["authors"]
    if not names:
        return "[No authors listed]" if shape == "pubmed" else None
    style = "all" if shape == "pubmed" else rng.choice(["first", "first", "all", "six"])
    more = truth["et_al"]
    if style == "first" and (len(names) > 1 or more):
        names, more = names[:1], True
    elif style == "six" and len(names) > 6:
        names, more = names[:6], True
    out = ""
    for i, name in enumerate(names):
        text = name if isinstance(name, str) else " ".join(name)
        if i:
            out += "; " if isinstance(name, str) or isinstance(names[i - 1], str) else ", "
        out += text
    return out + (", et al" if more else "")


def render(d: Draft) -> str:
    """The record as text: PMID and Title together, the other lines each after a blank line."""
    lines = dict(d.lines)
    lines["Citation"] = None if d.drop_citation else d.citation()
    for hook in d.line_hooks:
        hook(lines)
    head = [f"{k}: {lines[k]}" for k in ("PMID", "Title") if lines[k] is not None]
    rest = [f"{k}: {lines[k]}" for k in ("Abstract", "Citation", "Link") if lines[k] is not None]
    blocks = (["\n".join(head)] if head else []) + rest
    text = "\n\n".join(blocks)
    for hook in d.text_hooks:
        text = hook(text)
    return text


# ---------------------------------------------------------------- fault injectors


def mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 (bytes it leaves undefined read as Latin-1)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b)
                   for b in text.encode("utf-8"))


def _pick(rng: random.Random, options: list[str], variant: str | None) -> str | None:
    if variant is not None:
        return variant if variant in options else None
    return rng.choice(options) if options else None


def journal_is_title(d: Draft, rng: random.Random, variant: str | None = None) -> str | None:
    """The journal slot repeats the article title (the seed's fault); the journal is lost."""
    title = d.truth["title"]
    bare = title.rstrip(".")
    options = ["same", "upper", "lower", "titlecase", "punct_added"]
    if title.endswith(("?", "!")):
        options.append("punct_removed")
    v = _pick(rng, options, variant)
    if v is None:
        return None
    d.journal = {"same": bare, "upper": bare.upper(), "lower": bare.lower(),
                 "titlecase": bare.title(), "punct_removed": bare.rstrip("?!"),
                 "punct_added": title + "."}[v]
    d.overrides["journal"] = ""
    return v


def title_doubled(d: Draft, rng: random.Random, variant: str | None = None) -> str | None:
    """The Title line holds the title twice: ``T. T.`` or ``T T``."""
    title = d.truth["title"]
    options = ["T. T."] + (["T T"] if title.endswith(".") else [])
    v = _pick(rng, options, variant)
    if v is None or d.lines["Title"] is None:
        return None
    first = title if v == "T. T." else title[:-1]
    d.lines["Title"] = f"{first} {title}"
    return v


def abbreviate_pages(pages: str) -> str | None:
    m = re.fullmatch(r"(\d+)-(\d+)", pages or "")
    if not m or len(m.group(1)) != len(m.group(2)):
        return None
    first, last = m.groups()
    i = 0
    while first[i] == last[i]:
        i += 1
    return f"{first}-{last[i:]}" if i else None


def pages_abbreviated(d: Draft, rng: random.Random, variant: str | None = None) -> str | None:
    """A page range written short (``1011-5``), with a hyphen or an en dash."""
    short = abbreviate_pages(d.truth["pages"])
    if short is None:
        return None
    v = _pick(rng, ["hyphen", "en_dash", "full_en_dash"], variant)
    d.pages = {"hyphen": short, "en_dash": short.replace("-", "–"),
               "full_en_dash": d.truth["pages"].replace("-", "–")}[v]
    return v


def doi_dressed(d: Draft, rng: random.Random, variant: str | None = None) -> str | None:
    """The DOI as a URL, with a ``DOI:`` prefix, a trailing period, or a space at its slash."""
    doi = d.truth["doi"]
    if not doi:
        return None
    options = ["https_url", "dx_url", "doi_prefixed_url", "DOI_prefix", "no_space_prefix",
               "space_after_slash", "spaces_around_slash"]
    if d.shape == "seed":
        options += ["trailing_period", "url_trailing_period"]
    v = _pick(rng, options, variant)
    if v is None:
        return None
    prefix, suffix = doi.split("/", 1)
    d.doi = {"https_url": f"https://doi.org/{doi}", "dx_url": f"http://dx.doi.org/{doi}",
             "doi_prefixed_url": f"doi: https://doi.org/{doi}", "DOI_prefix": f"DOI: {doi}",
             "no_space_prefix": f"doi:{doi}", "trailing_period": f"doi: {doi}.",
             "url_trailing_period": f"https://doi.org/{doi}.",
             "space_after_slash": f"doi: {prefix}/ {suffix}",
             "spaces_around_slash": f"doi: {prefix} / {suffix}"}[v]
    return v


def mojibaked(d: Draft, rng: random.Random, variant: str | None = None) -> str | None:
    """UTF-8 text read as Windows-1252 (``MÃ¼ller``) in one field, or in the whole record."""
    t = d.truth
    first = t["authors"][0] if t["authors"] else ""
    first = first if isinstance(first, str) else first[0]
    has = {"title": t["title"], "author": first, "abstract": t["abstract"] or "",
           "journal": t["journal"]}
    options = [k for k, v in has.items() if not v.isascii()]
    if any(not v.isascii() for v in has.values()) or not (d.authors or "").isascii():
        options.append("record")
    v = _pick(rng, options, variant)
    if v == "title":
        d.lines["Title"], d.cite_title = mojibake(t["title"]), mojibake(d.cite_title)
    elif v == "author":
        d.authors = mojibake(d.authors or "")
    elif v == "abstract":
        d.lines["Abstract"] = mojibake(t["abstract"])
    elif v == "journal":
        d.journal = mojibake(d.journal)
    elif v == "record":
        d.text_hooks.append(mojibake)
    return v


def _wrap(text: str, rng: random.Random, width: int | None = None) -> str:
    """Break text into continuation lines at spaces (never before a word that looks like a key)."""
    indent = rng.choice(["", "  ", "    ", "\t"])
    width = width or max(20, len(text) // 2)
    out, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width and not _KEY_START.match(word):
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(line)
    return ("\n" + indent).join(out)


def _spaces(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(min(3, len(words) - 1)):
        i = rng.randrange(len(words) - 1)
        words[i] += " " * rng.randint(1, 2)
    return "  " + " ".join(words) + " "


def whitespace_noise(d: Draft, rng: random.Random, variant: str | None = None) -> str | None:
    """Stray spaces, tabs, non-breaking spaces and line breaks inside fields."""
    options = ["title_spaces", "title_wrapped", "citation_wrapped", "citation_spaces", "tabs",
               "nbsp", "crlf"] + (["abstract_wrapped"] if d.truth["abstract"] else [])
    v = _pick(rng, options, variant)

    def hook(lines: dict[str, str | None]) -> None:
        if v == "title_spaces" and lines["Title"]:
            lines["Title"] = _spaces(lines["Title"], rng)
        elif v == "title_wrapped" and lines["Title"]:
            lines["Title"] = _wrap(lines["Title"], rng)
        elif v == "abstract_wrapped":
            lines["Abstract"] = _wrap(lines["Abstract"], rng, width=40)
        elif v == "citation_wrapped" and lines["Citation"]:
            lines["Citation"] = _wrap(lines["Citation"], rng, width=rng.choice([60, 80]))
        elif v == "citation_spaces" and lines["Citation"]:
            lines["Citation"] = _spaces(lines["Citation"], rng)
        elif v == "tabs":
            for key in ("Title", "Citation"):
                if lines[key]:
                    lines[key] = "\t" + lines[key].replace(" ", "\t", 1) + " \t"
        elif v == "nbsp" and lines["Title"]:
            lines["Title"] = lines["Title"].replace(" ", "\u00a0", 2)

    if v == "crlf":
        d.text_hooks.append(lambda text: text.replace("\n", "\r\n"))
    elif v:
        d.line_hooks.append(hook)
    return v


def title_line_missing(d: Draft, rng: random.Random, variant: str | None = None) -> str | None:
    """No Title line: the title is only in the Citation line."""
    d.lines["Title"] = None
    return "no_title_line"


def pmid_line_missing(d: Draft, rng: random.Random, variant: str | None = None) -> str | None:
    """No PMID line: the PMID is only in the Link URL."""
    d.lines["PMID"] = None
    d.shape = "seed"  # the PubMed cite shape would repeat the PMID in its trailer
    return "no_pmid_line"


def line_missing(d: Draft, rng: random.Random, variant: str | None = None) -> str | None:
    """An Abstract, Link or Citation line left out (nothing in it is then expected)."""
    v = _pick(rng, ["abstract", "link", "citation"] if d.truth["abstract"] else ["link", "citation"],
              variant)
    if v == "abstract":
        d.lines["Abstract"] = None
    elif v == "link":
        d.lines["Link"] = None
    elif v == "citation":
        d.drop_citation = True
        d.overrides.update({k: None for k in FIELDS if k not in ("title", "pmid")})
    return v


def part_missing(d: Draft, rng: random.Random, variant: str | None = None) -> str | None:
    """One part of the citation left out: issue, pages, DOI, volume, year or the authors."""
    t = d.truth
    options = [k for k in ("issue", "pages", "doi", "authors") if t[k]]
    if t["volume"] and t["issue"]:
        options.append("volume")
    if d.shape == "seed" and t["volume"]:
        options.append("year")
    v = _pick(rng, options, variant)
    if v is None:
        return None
    if v == "year":
        d.no_year = True
    elif v == "authors":
        d.authors = None
    else:
        setattr(d, v, None)
    d.overrides[{"authors": "author"}.get(v, v)] = None
    return v


INJECTORS: dict[str, Callable[..., str | None]] = {
    "journal_is_title": journal_is_title,
    "title_doubled": title_doubled,
    "pages_abbreviated": pages_abbreviated,
    "doi_dressed": doi_dressed,
    "mojibake": mojibaked,
    "whitespace": whitespace_noise,
    "title_line_missing": title_line_missing,
    "pmid_line_missing": pmid_line_missing,
    "line_missing": line_missing,
    "part_missing": part_missing,
}
COMBINABLE = ("journal_is_title", "title_doubled", "pages_abbreviated", "doi_dressed",
              "whitespace", "title_line_missing", "pmid_line_missing")
# Kinds in the order generate() cycles through them; "clean" twice as often as a fault.
KINDS = ("clean", *INJECTORS, "clean", "combo")


# ---------------------------------------------------------------- cases and their truth


@dataclass
class Case:
    kind: str
    variant: str
    shape: str
    truth: dict
    text: str
    expected: dict[str, object]


def expected_fields(truth: dict, overrides: dict | None = None) -> dict[str, object]:
    """What a converter must output per scored field; ``None`` or ``""``: nothing."""
    first = truth["authors"][0] if truth["authors"] else None
    if isinstance(first, tuple):
        first = (first[0], first[1])
    out = {"title": truth["title"], "author": first, "journal": truth["journal"],
           "year": truth["year"], "volume": truth["volume"], "issue": truth["issue"],
           "pages": truth["pages"], "doi": truth["doi"], "pmid": truth["pmid"]}
    out.update(overrides or {})
    return out


def make_case(truth: dict, kind: str, rng: random.Random, variant: str | None = None,
              shape: str | None = None) -> Case | None:
    """One case of ``kind`` from ``truth``, or None when the fault does not apply to it."""
    d = new_draft(truth, rng, shape or rng.choice(["seed", "seed", "pubmed"]))
    if kind == "clean":
        used = ["-"]
    elif kind == "combo":
        pair = rng.sample(COMBINABLE, 2)
        if set(pair) == {"title_doubled", "title_line_missing"}:
            return None
        used = [f"{k}:{INJECTORS[k](d, rng)}" for k in pair]
        if any(u.endswith(":None") for u in used):
            return None
    else:
        v = INJECTORS[kind](d, rng, variant)
        if v is None:
            return None
        used = [v]
    return Case(kind, "+".join(used), d.shape, truth, render(d), expected_fields(truth, d.overrides))


def generate(n: int = 520, seed: int = 20240611) -> list[Case]:
    """``n`` cases cycling through ``KINDS``, each from a randomly chosen true record."""
    rng = random.Random(seed)
    cases: list[Case] = []
    while len(cases) < n:
        kind = KINDS[len(cases) % len(KINDS)]
        for _ in range(200):
            case = make_case(rng.choice(TRUE_RECORDS), kind, rng)
            if case is not None:
                cases.append(case)
                break
        else:
            raise RuntimeError(f"no true record takes the fault {kind!r}")
    return cases


def write_file(cases: list[Case], path) -> None:
    """All cases in one file, separated by one or two blank lines."""
    rng = random.Random(len(cases))
    parts = [c.text + ("\n\n\n" if rng.random() < 0.2 else "\n\n") for c in cases]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("".join(parts))
