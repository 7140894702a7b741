"""LaTeX commands and what they stand for in Unicode text or CSL rich-text markup (data).

Used by ``latex_decode``: accents, named symbols, escapes, and the commands and
declarations that style text.
"""

from __future__ import annotations

NOCASE = '<span class="nocase">'
SMALL_CAPS = '<span style="font-variant:small-caps;">'
STYLES = {  # style -> (open, close)
    "i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "sc": (SMALL_CAPS, "</span>"),
    "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"), "nocase": (NOCASE, "</span>"),
    "": ("", ""),
}
# Commands that style their one argument, and declarations that style the rest of a group.
STYLE_COMMANDS = {
    "emph": "i", "textit": "i", "textsl": "i", "mkbibemph": "i", "mkbibitalic": "i",
    "textbf": "b", "mkbibbold": "b", "textsc": "sc", "textsuperscript": "sup",
    "mkbibsuperscript": "sup", "textsubscript": "sub", "mkbibsubscript": "sub",
    "nocase": "nocase", "NoCaseChange": "nocase",
    "textrm": "", "textsf": "", "texttt": "", "textmd": "", "textup": "", "textnormal": "",
    "mbox": "", "hbox": "", "text": "", "textlatin": "", "bibstring": "", "ensuremath": "",
    "uppercase": "", "lowercase": "", "MakeUppercase": "", "MakeLowercase": "",
    "MakeTextUppercase": "", "MakeTextLowercase": "",
}
DECLARATIONS = {
    "em": "i", "it": "i", "itshape": "i", "sl": "i", "slshape": "i", "bf": "b", "bfseries": "b",
    "sc": "sc", "scshape": "sc", "rm": "", "normalfont": "", "upshape": "", "tt": "",
    "ttfamily": "", "sf": "", "sffamily": "", "mdseries": "", "relax": "", "protect": "",
    "noindent": "", "unskip": "", "null": "",
}
WRAP = {"mkbibquote": ("\u201c", "\u201d"), "enquote": ("\u201c", "\u201d"),
         "mkbibparens": ("(", ")"), "mkbibbrackets": ("[", "]")}
ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a", "d": "\u0323", "b": "\u0331", "t": "\u0361", "G": "\u030f", "U": "\u030e",
}
SYMBOLS = {
    "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
    "dj": "đ", "DJ": "Đ", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
    "textendash": "–", "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’",
    "textquotedblleft": "“", "textquotedblright": "”", "quotedblbase": "„",
    "quotesinglbase": "‚", "guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«",
    "guillemetright": "»", "guilsinglleft": "‹", "guilsinglright": "›", "textellipsis": "…",
    "ldots": "…", "dots": "…", "copyright": "©", "textcopyright": "©", "textregistered": "®",
    "texttrademark": "™", "S": "§", "P": "¶", "dag": "†", "ddag": "‡", "textdagger": "†",
    "textdaggerdbl": "‡", "pounds": "£", "textsterling": "£", "euro": "€", "texteuro": "€",
    "textdegree": "°", "textless": "<", "textgreater": ">", "textbackslash": "\\",
    "textasciitilde": "~", "textasciicircum": "^", "textunderscore": "_", "textbar": "|",
    "textbraceleft": "{", "textbraceright": "}", "textbullet": "•", "textperiodcentered": "·",
    "textexclamdown": "¡", "textquestiondown": "¿", "textsection": "§", "textparagraph": "¶",
    "textmu": "µ", "textpm": "±", "texttimes": "×", "textdiv": "÷", "textonehalf": "½",
    "textordfeminine": "ª", "textordmasculine": "º", "textcent": "¢", "textyen": "¥",
    "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "LaTeXe": "LaTeX2e", "slash": "/",
    "textslash": "/", "nobreakspace": "\u00a0", "space": " ", "quad": " ", "qquad": " ",
    "enspace": " ", "thinspace": "\u2009", "textvisiblespace": "␣", "textasciigrave": "`",
    "textquotesingle": "'", "textquotedbl": '"', "textdollar": "$", "textnumero": "№",
    "textemdashbreak": "—", "hyphen": "-", "textdash": "–", "break": "", "linebreak": " ",
    "newline": " ", "par": " ", "allowbreak": "", "hfill": " ",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
    "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ",
    "Omega": "Ω",
}
ESCAPES = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ",
           "\\": " ", ",": " ", ";": " ", ":": " ", "!": "", "-": "", "/": "", "@": "",
           "\n": " ", "\t": " ", "|": "|", "*": ""}
# Commands whose arguments are dropped (\noopsort{key} only steers BibTeX's sorting).
SWALLOW = frozenset({"noopsort", "hspace", "vspace", "label", "index", "cite", "sortname",
                     "SortNoop", "nocite", "begin", "end"})
# An accent command with an empty argument (\~{}) is the accent itself.
SPACING_ACCENTS = {"\u0303": "~", "\u0302": "^", "\u0301": "\u00b4", "\u0300": "`",
                   "\u0308": "\u00a8", "\u0304": "\u00af", "\u0327": "\u00b8", "\u0307": "\u02d9"}
