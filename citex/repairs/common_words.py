"""Common English words, for deciding which words of an ALL-CAPS title may be lowercased.

A word is lowercased only when it is here: anything else (a name, a gene, a
trial acronym) keeps its capitals. Generated once by counting the words seen in
lowercase, and never capitalised, inside sentence-case titles of MIT- and
BSD-licensed and NLM (public-domain) bibliographies: ContextLab's cdl.bib (MIT),
NLM's 2018 PubMed sample, nbib's test set (MIT) and manubot's references
(BSD-2-Clause-Patent); kept only when seen at least twice; short words (under
four letters) are a hand-written list of function words, because most short
capitalised tokens in titles are acronyms. A handful of words that are also
common acronyms (US, IT, CAT, ART, MAP...) are left out on purpose.
Single words are facts, not expression: the list is redistributable with citex.

Past that list, a word of four letters or more is common when its stem is in
lowercase in Webster's Second International (1934, public domain; the ``web2``
list the MIT-licensed ``english-words`` package ships), which knows "deficiency"
and "oncology" but not "Parkinson" or "levodopa". Its lowercase words ship in
``citex/data/web2.txt`` (``tools/build_webster.py``), sorted, and are looked up by
binary search in the file's bytes: unpickling the package's set of 236,000 words cost
each process 46 ms and about 17 MB.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

# Common words that are also frequent acronyms or trial names in capitals.
NOT_COMMON = frozenset("aids cat pet us it art map sad care hope mind gain pace lamp mast sars "
                       "mers who ace trail notch smart sprint accord advance".split())

WORDS = frozenset("""
a abilities ability abnormal abnormalities about absence absent absolute abstract abstraction
academic accelerates acceleration accessibility accompanied according account accounting
accounts accumbens accumulation accuracy accurate acetylcholine achievement acid acoustic
acquired acquiring acquisition across action actions activate activated activates activating
activation activations activities activity activity-dependent adaptation adaptive addiction
addictive additional adjacent adjectives adjustment administration adolescents adrenergic adult
adulthood adults advances advantage aerobic affect affected affecting affective affectively
affects afferent afferents affordance after aftereffects against age age-related aged ageing
aging agreement algorithm algorithms alignment all all-or-none alleviates allocation allocentric
alone along alpha-amylase also altered alternative alternatives alters ambulatory amino amnesia
amnesic among amount amplitude amplitudes amygdala amygdalohippocampectomy an analog analogue
analyses analytic analyze analyzed analyzing anatomical anatomically anatomy and anesthetized
aneurysm aneurysms angles angular animacy animal animals annotation answers antagonist anterior
anterograde anticipation anticipatory ants anxiety any anything apes aphasia applications
appraisal approach approaches approximation architecture architectures are areas arise around
arousal arranged array arrow arteriovenous artery article artifact artificial as aspects
aspiration assault assemblies assembly assess assessed assessing assignment associate associated
associates association associations associator asymmetries asymmetry asynchronous at athletic
atlas atrophy atropine attacks attentional attentive attenuation attitudes attractor auditory
augment augmenting autism autoassociative autobiographic autobiographical autocorrelation
automated automatic automaticity autonoetic autonomic autoregressive availability available
average averaging aversive avoidance awake awareness away axis back background backward band
bands basal based baseline bases basic basic-level basis basolateral bats be because been before
behaving behavior behavioral behaviour behavioural behaviourally being benefit benefits best
beta beta-band better between betweenness beyond bias biases bidirectional bilateral bilingual
binary bind binding binocular biological biologically biology biomarkers biomedical bipolar
blind blindness blink blocking blocks blood body bone bootstrap both bottom-up bound boundaries
boundary bout brain brain's brain-computer brain-derived brain-machine brains breakdown bridge
brief broadband buffer build building burden burst but by bypass caffeine calcium camera can
can't cancer capacity capsule capture cardiovascular care carotid cascade case cases categorical
categories categorization categorized category category-specific catheter cats causality cause
causes cavities cell cells cellular central centrality century cerebral cerebrovascular chaining
change channels chaos character characteristic characteristics characterization characterizes
characterizing chemistry childhood children choice choices cholinergic choosing chronic
cingulate circuit circuitry circuits class classes classical classification classifiers
classifying classroom cleavage clinical clinically closed-loop closure clot clusterers
clustering clusters co-evolution codes coding coefficient coefficients cognition cognitive
coherence coherent collections collective college color columns combat combination combine
combined commentary comments committee common communication community compacta comparative
compared comparison comparisons compartmental competing competition competitors complaint
complaints complementary complete completion complex complex-spike complexity component
components composite composition compound comprehension comprehensive compressed computation
computational compute computer computer-simulated computing concentration concentrations concept
concepts conceptual concrete concreteness concurrent conditional conditioned conditioning
conditions conduction confidence confirmation conflict confusion congruence congruent
conjunction conjunctions conjunctive connected connection connectionist connections connectivity
connectome connectomes conscious consciousness consequence consequences considerations
considering consolidation constancy constant constants constrain constrained constraints
construct construction constructs contact contain containers containing contamination content
contents context context-based context-dependent contexts contextually contiguity continuous
contrast contribute contributes contributing contribution contributions controlled controlling
controls controversy convergence converging conversations conversion convey convolutional
cooperate coordinate coordinated coordination core coronary correct correction correlate
correlated correlates correlation correlations cortex cortical cortical-hippocampal cortices
corticostriatal corticothalamic cortisol cost costs counteracts coupled coupling course courses
covert criteria criterion critical cross-frequency crucial cued cued-memory cued-recall cueing
cues cuing cultures current currents curse curve curves cycles cystic daily damage damaged data
database dataset day days deactivation deactivations death decade decay decentralized
deciphering decision decision-making decisional decisions declarative decline decoding
decomposition decompression decreased decreases decrement deep deep-brain default deficit
deficits defined degeneration degraded degree delay delayed delays delta demand demands dementia
demise demonstrated dendritic denoising dense density depend dependence dependencies dependency
dependent depends depletion depressed depression depressive deprivation deprived depth
derivatives derived desert design designs desynchronization details detecting determinants
determination determine determined determines determining developing development developmental
developments device devices diagnosticity diagnostics dialogue diameter dichotic dictionary
differ difference differences differential differentially differentiate differentiation
differently difficult difficulty diffusion digital digits dilation dimension dimensional
dimensionality dimensions direct directed direction directional directionality directions
directly disambiguation discharge discharges discontiguous discrete discriminates discrimination
discriminations diseases disinhibition disorder disorders display displays disruption disrupts
dissociable dissociate dissociates dissociating dissociation dissociations distance distant
distinction distinctive distinctiveness distinctly distinguish distinguishes distinguishing
distortion distortions distractibility distraction distractor distractors distributed
distribution distributions disturbances disuse diverse diversity divided do doctor does domain
domains dominance dominant dominated don't dopamine dopaminergic dorsal dorsolateral double down
drive driven drivers drives driving drug drugs dual dual-process dual-task due duration during
dynamic dynamical dynamics dysfunction dystonia each early easier easy echo ecological economic
editing edition education educational effective effectiveness effects efficacy efficiency
efficient effort egocentric elaborative elderly electrical electrically electrocortical
electrocorticographic electrocorticography electrode electrodermal electrodes
electroencephalogram electroencephalograms electroencephalographic electroencephalography
electromagnetic electronic electrophysiological electrophysiology elements elevated-attention
elicited elicits elite embedding emboli embolic embolization emergence emergency emergent
emerging emission emotion emotional emotions empathy encode encoded encodes encoding-related
encyclopedia endogenous endovascular endurance energy engaged engagement engram enhance enhanced
enhancement enhances enough ensemble ensembles entorhinal entorhinal-hippocampal entropy
environment environmental environments epilepsy epileptic epileptiform epileptogenic episode
episodes episodic equally equation erotic error error-related errors essay estimated estimates
estimation estradiol ethics evaluating evaluation even event events everyday evoked evolutionary
exact examination examining example examples excisions excitability excitation excitatory
executed executive exemplar exemplar-based exercise-induced exercises exhaustive exhibit
expanded expansion expectancy expectation expectations expected experience experiences
experimental experimentally experiments expertise explain explanation explicit exploration
explorations exploratory exposure expression extended extending extension extent external
externally extinction extracellular extraction extrastriate extrinsic eyeblink eyes-closed eyes-
open face face-name face-specific faces facial facilitate facilitates facilitation factor
factorial factors facts failure failures familiar familiarity familiarity-based families family
fast-spiking faster favor fear feature feature-based features feedback feedback-related feel
female females few few-shot fibrosis field fields figural filters fimbria-fornix final financial
find finding findings fine-tuning finger fingerprinting firing first fitness five fixed
flexibility flexible flicker flow fluctuation fluctuations fluid focal foci focus focusing foils
following food for foraging forearm forehead forget forgetting form formal formation formed
forming forms fornix fortis forward foundations four fragment frame frames framework free-recall
freedom freely freely-moving frequencies frequency from frontal frontoparietal frontopolar
function functional functionally functioning functions fundamental fusiform future gabaergic
gain gait games gamma gamma-band gamma-frequency ganglia gating gaze gender gene generality
generalization generalized generate generated generating generation generator generators generic
genetic geometric geometry getting giant gliomas global globus glucose goal goal-directed goals
gone good grade graded gradient gradients grammatical graph graphic graphs gray greater greatly
grid grids group grouping groups growth guess guessing guidance guide guides guinea gyrus
habenula habitual haemodynamic hand handbook happen haptic harmonic has have head health healthy
heat help helps hemisphere her heterogeneous heuristic hierarchical hierarchies hierarchy high
high-dimensional high-frequency high-gamma high-intensity high-level high-order high-performance
high-resolution high-speed higher highly hippocampal-entorhinal hippocampus-dependent his
history holistic holographic home homeostatic homing homogeneity horizon hormone hormones horses
hour hours how hubs human humans hundreds hybrid hydrogen hypothalamic hypotheses hypothesis
hypoxia ideal ideas identical identification identified identify identifying identity idiopathic
idiosyncratic idling illusions illusory image imagery images imagine imagined imaging imagining
immediate immunoglobulin impact impair impairment impairments impairs impedance implantable
implantation implanted implementation implicit implicitly importance improve improved
improvement improvements improves improving impulsivity in inaccessibility inactivation
incidence incidental incongruent increase increased increases increasing independence
independent independently index indicate indices indirect individuals induced induces induction
inertial inexpensive infancy infant infants inference inferences inferior inferotemporal
inferring infinite inflammation influence influences information ingestion inhibition inhibitors
inhibitory initial initiation injury inpatients input inputs insects insomnia inspired
instruction instructional instructions instruments insula insular intact integral integrate
integrated integration intellectual intelligence intelligent intended intensities intensity
intention intentional inter-trial interacting interaction interactive intercollegiate interest
interface interfaces interference interferes interictal interitem interlist internal internally
international interneuron interneuronal interneurons interplay interpolated interpolation
interpretation interpretations interval intervals intervention interventions into intracellular
intracerebral intracortical intracranial intractable intralist intraserial intrinsic
introduction introductory intrusions invasive inverse investigating investigation investigations
involved involvement involves irrelevant is ischemic isolated isolation issue issues item item-
method items iterative its judgements judging judgment judgments just just-in-time k-means
keeping kernel key kinds know knowing knowledge known labeling laboratory lactate landmark
landmarks language languages lapses large large-scale last late latencies latency latent later
lateral lateralization lateralized law laws layer layout leads learn learned learners learns
least left length lesion lesions less letter letters level levels lexical lexicality lexicon
library life lifespan lightweight like limb limbic limitations limited line linear lines link
linked links list list-before-last list-length list-method listening lists literature lives load
lobe lobectomy lobes local localization location locations locked locking locomotion locus long
long-distance long-range long-term longitudinal look looking looks loop loops loss lost low low-
cost low-frequency lower lung macaques machine machines macroscopic made magical magnetic
magnetoencephalography magnitude maintained maintenance major make makes male males mammals
mammograms management manifestation manifold manipulation manipulations manual many mapping maps
marathon marker markers massive match matching matching-to-sample material materials maternal
mathematical mathematics matrix matter matters maximal may meaning meaningfulness means measure
measured measurement measurements measuring mechanism mechanisms mechanistic media medial
mediate mediated mediates mediating mediation mediators medical medication medicinal medicine
mediotemporal medium meets melodies membrane memorability memories memorization memorizing
memory-guided memory-related men mental mesencephalic mesial mesiotemporal mesolimbic meta-
analysis meta-analytic meta-regression metal metamemory methodological methodology methods
methyl metric metrics mice microcircuit microcircuits microelectrode microelectrode-recording
microinfusion microstimulation mid-dorsolateral midbrain middle middle-aged midline might mild
military mind mineral mirror missing misunderstandings mixed mixed-effects mixture mnemonic
mobile modalities modality mode model model-based modeling moderate moderates modern modes
modifications modified modular modularity modulate modulated modulates modulating modulation
modulations module modules molecular momentary monetary monitoring monkey monkeys month months
mood mood-congruent mood-dependent moods moral morbidity more motion motivated motivational
motor moved movement movements movies moving multi-item multi-trial multi-unit multicompartment
multidimensional multilevel multimodal multinomial multiple-choice multiple-trace multiplexed
multiscale multisensory multitaper multitrial multiunit multivariate muscle mutations mystery
name names naming narrative national natural naturally nature navigate navigation navigational
near necessary negative negativity neglected neocortex neocortical neonatal neostriatal nerve
nervous nets network neuroanatomical neuroanatomy neurobiological neurobiology neurocognitive
neurocomputational neurodegenerative neurofeedback neurogenesis neurologic neurological
neuromodulation neuron neurones neurons neurophysiological neurophysiology neuroprosthetic
neuropsychological neuropsychology neuroscience neurosciences neuroscientific neurosurgical
neurotrophic neutral new newly nightmare nightmares nigral nigrostriatal no no-think noise noisy
nominal non non-linear non-stationary nonface nonlinear nonmotor nonparametric nonsense
nonspatial nonverbal nonwords nor noradrenergic normative not note notebooks nouns novel novelty
novo nuclei number numbers object object-location objects observation observations observed
obsessive-compulsive occipital occipitotemporal occlusion occurrence occurring occurs ocular
oddball odor odors of off off-policy offsets old older olfactory on one one's one-trial ongoing
onset onsets onto open operating operation operations optical optimal optimisation optimization
or orbital orbitofrontal order ordered ordering organization organized organizing orientation
orienting origin origins orthographic oscillating oscillation oscillations oscillators
oscillatory other others our out outcome outcomes outperforms output over overlapping overt
overview own package pain pair paired paired-associate pairings pairs pallidal pallidum pallidus
pandemic paradigm paradigms paradox parallels parameter parameters parametric parametrically
parcellation parietal parkinsonian pars part-whole partial participants partitioning parts pass
passive patch path pathological pathology paths pathway pathways patient patients pattern pauses
peak pedagogical pediatric people people's per perceived perceiving perception perceptual
performance performed performing perfusion perinatal period periodic periodicity periods
peripheral perirhinal permutation persistence persistent person personal personality perspective
perspectives perturbation pharmacological pharmacology phase-amplitude phase-locked phase-
locking phase-phase phase-reversal phases phasic phenomena phenomenon phenyl philosophy phonetic
phonological physical physiological physiology pictorial picture pictures pigeons pilot pitch
place place-cell places planning plants plasma plasticity pleasant point points polarization
polarized policy polymorphism polysomnography pop-out population population-based populations
position positional positions positive positives positron possible post-encoding post-retrieval
post-traumatic posterior postrhinal posttraumatic potentials potentiation power power-law
powerful practical practice pragmatic prazosin preadolescent precedes preceding precentral
precession precise precision precuneus predict predictable predicted predicting prediction
predictions predictive predicts preference preferences preferred prefrontal premotor preparation
presence present presentation presentations presented presidents prevalence prevention prevents
previous primacy primary primate primates primes priming principal principle principles prior
prior-list priority probabilistic probabilities probability probe probed probes problem problems
procedural procedure procedures process process-dissociation processes processing prodrugs
produce produced produces production products profile profiles program programmes programming
programs progress progressive project projection projections prolonged promotes prompted
propagation proper properties property proposed propositional prosopagnosia prospective
prosthesis protection protein provide proximal proximity psychiatric psychiatry psychological
psychology psychometric psychopathology psychophysics psychophysiological psychosocial public-
resource publishing punishment pupil pupillary pure purpose putative puzzle pyramidal
qualitative quality quantification quantitative quantity quantum quasi-static quest question
questionnaire questions rabbit rabbits race random random-walk randomized range ranges ranking
rapid rare rat's rates rather ratings ratio rational rationale rats reach reaction reaction-time
reactions reactivates reactivation reactivity read readers reading real real-time real-world
realignment reality really reasoning rebound recallable recalled recalling recanalization
receding receiver receiver-operating recency recency-based recent recently receptive receptor
receptors reciprocal recoding recognition recognize recognizing recollection recollective
recommendations reconfiguration reconsideration reconsidered reconsolidation reconstruction
record recorded recording recordings records recovery recruitment recruits recurrent
redintegration reduce reduced reduces reducing reductase reduction reevaluation reexamination
reference reflect reflected reflecting reflective reflects reflex refractory regarding
regeneration region regional regions registration regression regular regularities regulate
regulates regulating regulation rehabilitation rehearsal rehearsals reinforcement reinstatement
rejection relate related relatedness relates relating relational relations relationship relative
release relevant reliable reliably remapping remember remember-know remembered reminding remote
remoteness removal reorganization reorientation repeated repeating reperfusion repertoire
repetitions repetitive replacement replay replication report reported reports represent
representation representational representations represented reproducible require required
requirements requires resection resective resemble reset resetting residual resistance resistant
resolution resolving resonance resource resources respect responding responses resting resting-
state restore result results retention reticulata retinal retrieval-induced retrieve retriever
retrievers retrieving retroaction retroactive retrodiction retrograde retrosplenial
revascularization reveal revealed reveals reversal reverse reverses review revised revisited
reward reward-related rewarding rewards rhesus rhinal rhythm rhythmic rhythmical rhythms
richness right rigidity ring risk rivalry road robot robust rodent roles rotation rote route
route-learning routes rule rules running saccade saccades saccadic safety salesman salience
saliency salient saliva salivary same sample samples sampling scalable scale scale-invariant
scaled-up scales scaling scalp scan scanning scene scenes scheduling schemas schemata scheme
schizophrenia schizophrenic school science sclerosis scopolamine scores scoring screening search
second secondary seconds secretion section sedentary segmentation segregation seismic seizure
seizures selected selection selectively selectivity self self-organizing self-paced self-
reported semantic semantically semantics sensing sensitive sensitivity sensor sensorimotor
sensory sentence sentences separability separation septal septohippocampal sequence sequences
sequencing sequential serial serial-order serial-position series serotonin serum services set
sets setting several severe severity sexual shape shaped shapes share shared shell shift
shifting shifts short short-term short-term-memory shortest show shows side sign signal signal-
detection signaling signals signature signatures significance significant signs silent similar
similarities similarity simple simplex simulated simulation simultaneous simultaneously single
single-cell single-neuron single-trial single-unit sites situation situations six size skeletal
skill skills sleep slow slow-wave small small-world sniffing so social sodium software soldiers
solution solve solving somatosensory sorting sound source sources space space-based spaces
spacing span spans spared sparse spatial spatially spatio-temporal speak special specialization
specialized specific specificity spectra spectral spectrum speech speech-to-text speed speed-
accuracy speeded spike spikes spiking spin spindles spine spiny spiral spoken spontaneous spread
spreading squares stability stage stages staging standardized state state-dependent state-of-
the-art stationary statistical statistics status stent still stimulated stimulation stimulations
stimuli stimulus-dependent stimulus-driven stochastic stop storage store stored stores stories
story strategies strategy stream streams strength strengths stress striatal striate striatum
strings strong strongly structural structure structured structures student students studied
study study-phase studying style subcortical subdural subfields subiculum subject subjective
subjects subregions subsequent subserving substrate substrates subthreshold subtraction subtypes
success successful successive successor suction sufficient suffix sulcus summarization summary
summed superior superiority support supported supporting supports suppress suppresses
suppression surface surface-based surfaces surgery surgical surprise survey survivors sustained
sweat sweating switch switching syllables symmetry symptoms synapses synaptic synchronization
synchronize synchronized synchronous synchrony syndrome syntactic syntax synthesis synthetic
systematic systems tactile taking target targeted targeting targets task task-evoked task-
specific tasks taxi teacher teacher-student teachers teaching technique techniques technologies
technology tell template temporal-contextual temporal-lobe temporal-order temporally
temporoparietal ten term terminal terminology test tested testosterone tetrahydropyridine text
textit texts textures thalamic thalamocortical thalamus than that the their them theoretical
theories theory therapy there theta-band theta-contingent theta-frequency theta-gamma they think
thinking this thought three three-dimensional threshold thresholding thrombectomy through
throughout ties tightly time-course time-dependent time-frequency time-locked time-varying times
timescales timing timing-dependent titanium title titration to to-be-forgotten token tomography
tone tonic too top-down topic topographic topography topological total total-time toward towards
town traces tracing track tracker tracking tracks trade-off tradeoff train trained training
trains trajectories trajectory transcranial transfer transform transformation transformers
transforming transforms transient transition transitions translation transmission transport
trauma trauma-related traumatic travel traveling travelling treadmill treatise treatment
treatment-resistant treatments tremor trial trial-based trials triggers trouble true truth
tuning turbulence tutorial tutoring twins two two-dimensional two-factor two-process type types
typicality unattended unbiased uncertainty unconscious unconstrained under undergoing
undergraduate underlie underlies underlying understand understanding unexpected unfamiliar
unified unifying unilateral unique unit unitary unitization units unity universal unmixed
unpleasant unpredictable unrelated unreliable unsupervised unveiled unwanted up update updating
upon upper urban urethane use useful uses using utilitarian utility utilization utterances
valence valid validation valuation value value-based values variability variable variables
variance variant variation variational variations varied varies various vary vascular vector
vectors velocity ventrolateral ventromedial verbal veridical verification version versus very
vessel vestibular veterans via view viewed viewing viewpoint viewpoints views vigilance virtual
visible vision visual visualization visually visuospatial vitro vivid vivo vocabulary volume
volumes voluntary vowels vs vulnerability wake waking walking walks wandering was water water-
soluble wave waveforms wavelet wavelets waves way wayfinding we weak wearable week weighted
weighting well what wheel when where which while white who whole whole-brain whole-part why
widespread will window windows wireless with within without women word-frequency words work
working working-memory works world written year years yet yield young younger your zone
""".split())


@lru_cache(maxsize=4096)  # the words of titles and journal names repeat
def is_common(word: str) -> bool:
    """Whether a word (any case) is a common English word that may be written in lowercase."""
    w = word.lower()
    if w in NOT_COMMON or not w.isalpha():
        return False
    if len(w) < 4:
        return w in WORDS
    return w in WORDS or any(stem in _webster() for stem in _stems(w))


def _stems(w: str) -> list[str]:
    """The word and the base forms its common English endings may come from."""
    out = [w]
    for ending, bases in (("ies", ("y",)), ("es", ("", "e")), ("s", ("",)), ("ied", ("y",)),
                          ("ed", ("", "e")), ("ing", ("", "e")), ("ly", ("",))):
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            out += [w[: -len(ending)] + b for b in bases]
    return out


class SortedWords:
    """Words one a line, each line ending in a newline, in byte order: ``word in`` them by
    binary search in the bytes, with no string made but the lines it compares."""

    __slots__ = ("_text",)

    def __init__(self, text: bytes):
        self._text = text

    def __contains__(self, word: str) -> bool:
        text, target = self._text, word.encode("utf-8")
        lo, hi = 0, len(text)  # the lines from lo up to hi, both the start of a line (or the end)
        while lo < hi:
            mid = (lo + hi) // 2
            start = text.rfind(b"\n", lo, mid) + 1 or lo  # the line mid is in
            end = text.find(b"\n", start, hi)
            line = text[start:end]
            if line == target:
                return True
            if line < target:
                lo = end + 1
            else:
                hi = start
        return False


@lru_cache(maxsize=1)
def _webster() -> SortedWords:
    """Webster's Second, its lowercase words (its capitalised entries are proper names)."""
    return SortedWords(resources.files("citex").joinpath("data/web2.txt").read_bytes())
