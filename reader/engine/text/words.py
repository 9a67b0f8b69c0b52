"""The words the text rules know, per language: months, weekdays, relative days, time
words, number words and the capitalised words that are not names.

Owns: vocabulary only — no patterns, no logic (``text.rules`` builds its patterns from
these tables). Languages: English, Russian (every grammatical case of month and weekday
names), French, German, Spanish, Italian, Portuguese, and Arabic months, weekdays and
relative days. Every value is the English word, so "вчера" and "yesterday", "28 января"
and "January 28" compare equal.

Imports nothing.
"""

from __future__ import annotations


def _split(words: str) -> frozenset[str]:
    return frozenset(words.split())


MONTH_NAMES: dict[str, int] = {}
"""Full month names (lower case) in every language and case -> month number."""
MONTH_ABBREVIATIONS: dict[str, int] = {}
"""Abbreviated month names -> month number; a date only next to a day or a year
("28 Jan", "Aug. 3"): bare, many are words ("mar", "set", "out", "ago")."""

_FULL = (
    (
        "january",
        "января",
        "январь",
        "январе",
        "январю",
        "январём",
        "январем",
        "janvier",
        "januar",
        "jänner",
        "enero",
        "gennaio",
        "janeiro",
        "يناير",
        "كانون الثاني",
    ),
    (
        "february",
        "февраля",
        "февраль",
        "феврале",
        "февралю",
        "февралём",
        "февралем",
        "février",
        "fevrier",
        "februar",
        "febrero",
        "febbraio",
        "fevereiro",
        "فبراير",
        "شباط",
    ),
    (
        "march",
        "марта",
        "март",
        "марте",
        "марту",
        "мартом",
        "mars",
        "märz",
        "maerz",
        "marzo",
        "março",
        "marco",
        "مارس",
        "آذار",
    ),
    (
        "april",
        "апреля",
        "апрель",
        "апреле",
        "апрелю",
        "апрелем",
        "avril",
        "abril",
        "aprile",
        "أبريل",
        "ابريل",
        "إبريل",
        "نيسان",
    ),
    ("may", "мая", "май", "мае", "маю", "маем", "mai", "mayo", "maggio", "maio", "مايو", "أيار"),
    (
        "june",
        "июня",
        "июнь",
        "июне",
        "июню",
        "июнем",
        "juin",
        "juni",
        "junio",
        "giugno",
        "junho",
        "يونيو",
        "يونيه",
        "حزيران",
    ),
    (
        "july",
        "июля",
        "июль",
        "июле",
        "июлю",
        "июлем",
        "juillet",
        "juli",
        "julio",
        "luglio",
        "julho",
        "يوليو",
        "يوليه",
        "تموز",
    ),
    (
        "august",
        "августа",
        "август",
        "августе",
        "августу",
        "августом",
        "août",
        "aout",
        "agosto",
        "أغسطس",
        "اغسطس",
        "آب",
    ),
    (
        "september",
        "сентября",
        "сентябрь",
        "сентябре",
        "сентябрю",
        "сентябрём",
        "сентябрем",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "setembro",
        "سبتمبر",
        "أيلول",
    ),
    (
        "october",
        "октября",
        "октябрь",
        "октябре",
        "октябрю",
        "октябрём",
        "октябрем",
        "octobre",
        "oktober",
        "octubre",
        "ottobre",
        "outubro",
        "أكتوبر",
        "اكتوبر",
        "تشرين الأول",
    ),
    (
        "november",
        "ноября",
        "ноябрь",
        "ноябре",
        "ноябрю",
        "ноябрём",
        "ноябрем",
        "novembre",
        "noviembre",
        "novembro",
        "نوفمبر",
        "تشرين الثاني",
    ),
    (
        "december",
        "декабря",
        "декабрь",
        "декабре",
        "декабрю",
        "декабрём",
        "декабрем",
        "décembre",
        "decembre",
        "dezember",
        "diciembre",
        "dicembre",
        "dezembro",
        "ديسمبر",
        "كانون الأول",
    ),
)
_SHORT = (
    ("jan", "янв", "janv", "jän", "ene", "gen"),
    ("feb", "фев", "févr", "fevr", "fev"),
    ("mar", "mär"),
    ("apr", "апр", "avr", "abr"),
    ("mag",),
    ("jun", "июн", "giu"),
    ("jul", "июл", "juil", "lug"),
    ("aug", "авг", "ago"),
    ("sept", "sep", "сен", "сент", "set"),
    ("oct", "окт", "okt", "out", "ott"),
    ("nov", "ноя"),
    ("dec", "дек", "déc", "dez", "dic"),
)
for _n, _names in enumerate(_FULL, start=1):
    for _name in _names:
        MONTH_NAMES[_name] = _n
for _n, _names in enumerate(_SHORT, start=1):
    for _name in _names:
        MONTH_ABBREVIATIONS[_name] = _n

MONTH_ENGLISH = tuple(names[0] for names in _FULL)
"""``MONTH_ENGLISH[n - 1]`` is month n's English name: the comparable value."""

MONTH_ABBREVIATIONS_NEEDING_YEAR = frozenset(
    {"out", "set", "ago", "gen", "ene", "mag", "dic", "dez", "ott", "lug", "giu"}
)
"""Abbreviations that are everyday words somewhere ("5 out of 10", "3 set"): a date only
with a day and a year ("28 ago 2022")."""
MONTHS_NEEDING_CAPITAL = frozenset({"may", "march"})
"""Month names that are everyday English words: bare, a date only when capitalised."""
MONTH_CUE_WORDS = frozenset(
    {"in", "since", "until", "till", "by", "from", "through", "early", "late", "mid", "last",
     "next", "this", "of", "before", "after", "during", "between", "and", "or"}
)  # fmt: skip
"""Words before a bare "May" or "March" that make it the month ("in May", "last March")."""
MONTHS_NEEDING_DAY = frozenset({"marco", "mayo"})
"""Month names that are also a name or a word elsewhere: a date only with a day or year."""

WEEKDAYS: dict[str, str] = {}
"""Weekday names (lower case) in every language and case -> the English weekday."""
_WEEKDAYS = (
    (
        "monday",
        "понедельник",
        "понедельника",
        "понедельнику",
        "понедельником",
        "понедельнике",
        "lundi",
        "montag",
        "lunes",
        "lunedì",
        "lunedi",
        "segunda-feira",
        "الاثنين",
        "الإثنين",
    ),
    (
        "tuesday",
        "вторник",
        "вторника",
        "вторнику",
        "вторником",
        "вторнике",
        "mardi",
        "dienstag",
        "martes",
        "martedì",
        "martedi",
        "terça-feira",
        "terca-feira",
        "الثلاثاء",
    ),
    # Only "среду" ("в среду"): "среда", "среды", "среде" are also "environment".
    (
        "wednesday",
        "среду",
        "mercredi",
        "mittwoch",
        "miércoles",
        "miercoles",
        "mercoledì",
        "mercoledi",
        "quarta-feira",
        "الأربعاء",
        "الاربعاء",
    ),
    (
        "thursday",
        "четверг",
        "четверга",
        "четвергу",
        "четвергом",
        "четверге",
        "jeudi",
        "donnerstag",
        "jueves",
        "giovedì",
        "giovedi",
        "quinta-feira",
        "الخميس",
    ),
    (
        "friday",
        "пятница",
        "пятницы",
        "пятнице",
        "пятницу",
        "пятницей",
        "vendredi",
        "freitag",
        "viernes",
        "venerdì",
        "venerdi",
        "sexta-feira",
        "الجمعة",
    ),
    (
        "saturday",
        "суббота",
        "субботы",
        "субботе",
        "субботу",
        "субботой",
        "samedi",
        "samstag",
        "sonnabend",
        "sábado",
        "sabado",
        "sabato",
        "السبت",
    ),
    (
        "sunday",
        "воскресенье",
        "воскресенья",
        "воскресенью",
        "воскресеньем",
        "dimanche",
        "sonntag",
        "domingo",
        "domenica",
        "الأحد",
        "الاحد",
    ),
)
for _names in _WEEKDAYS:
    for _name in _names:
        WEEKDAYS[_name] = _names[0]

RELATIVE_DAYS: dict[str, str] = {
    "yesterday": "yesterday", "today": "today", "tomorrow": "tomorrow", "tonight": "tonight",
    "вчера": "yesterday", "сегодня": "today", "завтра": "tomorrow",
    "позавчера": "the day before yesterday", "послезавтра": "the day after tomorrow",
    "hier": "yesterday", "aujourd'hui": "today", "aujourd’hui": "today", "demain": "tomorrow",
    "avant-hier": "the day before yesterday", "après-demain": "the day after tomorrow",
    "gestern": "yesterday", "heute": "today", "morgen": "tomorrow",
    "vorgestern": "the day before yesterday", "übermorgen": "the day after tomorrow",
    "ayer": "yesterday", "hoy": "today", "anteayer": "the day before yesterday",
    "ieri": "yesterday", "oggi": "today", "domani": "tomorrow",
    "ontem": "yesterday", "hoje": "today", "amanhã": "tomorrow",
    "أمس": "yesterday", "الأمس": "yesterday", "البارحة": "yesterday", "غدا": "tomorrow",
    "غداً": "tomorrow",
}  # fmt: skip
"""One-word relative days -> the English word. ("mañana" and "اليوم" are left out: also
"morning" and "the day"; "morgen" counts only in lower case, "Morgen" is "morning".)"""
RELATIVE_LOWER_ONLY = frozenset({"morgen"})

# Relative phrases: (pattern, value). Patterns are regular expressions over words
# separated by ``\s+``; ``text.rules`` compiles them case-insensitively.
RELATIVE_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?:earlier|later)\s+this\s+week|this\s+week", "this week"),
    (r"(?:earlier|later)\s+this\s+month|this\s+month", "this month"),
    (r"(?:earlier|later)\s+this\s+year|this\s+year", "this year"),
    (r"last\s+week", "last week"), (r"last\s+month", "last month"), (r"last\s+year", "last year"),
    (r"next\s+week", "next week"), (r"next\s+month", "next month"), (r"next\s+year", "next year"),
    # Russian
    (r"(?:ранее\s+)?на\s+этой\s+неделе", "this week"),
    (r"на\s+прошлой\s+неделе", "last week"), (r"на\s+следующей\s+неделе", "next week"),
    (r"в\s+этом\s+месяце", "this month"), (r"в\s+прошлом\s+месяце", "last month"),
    (r"в\s+следующем\s+месяце", "next month"),
    (r"в\s+этом\s+году", "this year"), (r"в\s+прошлом\s+году", "last year"),
    (r"в\s+следующем\s+году", "next year"),
    # French
    (r"(?:plus\s+tôt\s+)?cette\s+semaine", "this week"),
    (r"la\s+semaine\s+(?:dernière|passée)", "last week"),
    (r"la\s+semaine\s+prochaine", "next week"),
    (r"ce\s+mois-ci", "this month"), (r"le\s+mois\s+dernier", "last month"),
    (r"le\s+mois\s+prochain", "next month"),
    (r"cette\s+année", "this year"), (r"l['’](?:année|an)\s+derni(?:er|ère)", "last year"),
    (r"l['’](?:année|an)\s+prochaine?", "next year"),
    # German
    (r"(?:in\s+)?dieser\s+woche|diese\s+woche", "this week"),
    (r"(?:letzte|vergangene)n?\s+woche", "last week"), (r"nächste\s+woche", "next week"),
    (r"(?:letzten|vergangenen)\s+monat", "last month"),
    (r"(?:letztes|vergangenes)\s+jahr|im\s+(?:letzten|vergangenen)\s+jahr", "last year"),
    (r"dieses\s+jahr|in\s+diesem\s+jahr", "this year"),
    # Spanish
    (r"esta\s+semana", "this week"), (r"la\s+semana\s+pasada", "last week"),
    (r"la\s+(?:semana\s+próxima|próxima\s+semana)", "next week"),
    (r"el\s+mes\s+pasado", "last month"), (r"el\s+año\s+pasado", "last year"),
    (r"este\s+año", "this year"),
    # Italian
    (r"questa\s+settimana", "this week"), (r"la\s+settimana\s+scorsa", "last week"),
    (r"la\s+(?:settimana\s+prossima|prossima\s+settimana)", "next week"),
    (r"il\s+mese\s+scorso", "last month"), (r"l['’]anno\s+scorso", "last year"),
    (r"quest['’]anno", "this year"),
    # Portuguese
    (r"(?:na\s+|a\s+)?semana\s+passada", "last week"), (r"no\s+mês\s+passado", "last month"),
    (r"no\s+ano\s+passado", "last year"),
    # Arabic
    (r"هذا\s+الأسبوع", "this week"), (r"الأسبوع\s+الماضي", "last week"),
    (r"الأسبوع\s+المقبل", "next week"), (r"الشهر\s+الماضي", "last month"),
    (r"العام\s+الماضي", "last year"), (r"هذا\s+العام", "this year"),
)  # fmt: skip

TIME_WORDS = _split(
    """week weeks weekend month months year years morning afternoon evening night
    неделя недели неделе неделю неделей месяц месяца месяце месяцев год года году лет
    утро утром вечер вечером ночь ночью выходные выходных
    semaine semaines mois année années matin soir soirée nuit week-end
    woche wochen monat monate jahr jahre abend nacht wochenende
    semana semanas mes meses año años noche
    settimana settimane mese mesi anno anni mattina sera notte
    mês meses ano anos manhã noite
    أسبوع الأسبوع شهر الشهر سنة صباح مساء"""
)
"""Words for spans of time: a change of one is a date change ("a week" -> "a month").
(Arabic "عام" is left out: also "general", as in "الأمين العام".)"""

NUMBER_WORDS = _split(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred hundreds thousand thousands million millions billion
    billions trillion dozen dozens half quarter first second third fourth fifth tenth
    percent once twice
    два две три четыре пять шесть семь восемь девять десять двадцать тридцать сорок
    пятьдесят сто тысяча тысячи тысяч миллион миллиона миллионов миллиард миллиарда
    миллиардов десятки сотни полтора процент процента процентов млн млрд тыс
    deux trois quatre cinq huit neuf dix vingt trente quarante cinquante cent cents
    mille milliers milliard milliards douzaine pourcent
    zwei drei vier fünf sechs sieben acht neun zehn zwanzig dreißig hundert tausend
    millionen milliarde milliarden dutzend prozent
    dos tres cuatro cinco seis siete ocho nueve diez veinte treinta cien cientos mil
    millón millones
    quattro sette nove dieci venti trenta cento milione milioni miliardo miliardi
    dois duas três oito dez vinte cem milhão milhões bilhão bilhões
    اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة مئة مائة ألف آلاف مليون ملايين
    مليار"""
)
"""Words that are counts, in every language (flags: a changed one is a number change).
Words that are also an English word or a name are left out (Italian "due", "otto";
French "sept", an abbreviation of September)."""

SCALES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3, "тыс": 1e3, "миллион": 1e6, "миллиона": 1e6,
    "миллионов": 1e6, "млн": 1e6, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9,
    "млрд": 1e9, "mille": 1e3, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
    "tausend": 1e3, "millionen": 1e6, "milliarde": 1e9, "milliarden": 1e9, "mio": 1e6,
    "mrd": 1e9, "mil": 1e3, "millón": 1e6, "millones": 1e6, "milione": 1e6, "milioni": 1e6,
    "miliardo": 1e9, "miliardi": 1e9, "milhão": 1e6, "milhões": 1e6, "bilhão": 1e9,
    "bilhões": 1e9, "ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9,
}  # fmt: skip
"""Scale words after digits ("1.5 million", "1,5 млн", "100 тысяч") -> multiplier."""
PERCENT_WORDS = (
    "percent",
    "per cent",
    "процента",
    "процентов",
    "процент",
    "pour cent",
    "prozent",
    "por ciento",
    "per cento",
    "por cento",
    "بالمئة",
    "في المئة",
)

NOT_NAMES = _split(
    """a an the this that these those his her its their our my your he she it they we i but
    and or so yet if when while after before as at by for from in into of on to with there
    here what which who whom why how where all some many most no not also however meanwhile
    president minister foreign prime secretary general chancellor mr mrs ms dr sir madam
    state deputy spokesman spokeswoman spokesperson former acting"""
)
"""English words written with a capital that are never a name on their own (titles,
function words opening a sentence). Weekdays, months and relative days are added by
``text.rules``. Other languages write titles and function words in lower case
mid-sentence, so the capital already tells."""

TITLES = _split(
    """president minister secretary general chancellor mr mrs ms dr sir spokesman
    spokeswoman spokesperson premier king queen prince senator governor mayor ambassador
    envoy"""
)
"""Titles before a name: "French President Emmanuel Macron" -> "Emmanuel Macron"."""

NAME_PARTICLES = ("al", "de", "du", "da", "van", "von", "der", "bin", "ibn")
"""Lower-case words inside a name ("Charles de Gaulle", "Abdullah bin Zayed")."""

FIRST_NAMES = frozenset({"marco", "julio", "domingo", "domenica", "mayo"})
"""Month and weekday names that are also first names: capitalised mid-sentence they are
names, not dates, and never dropped from a name."""

ABBREVIATIONS = _split(
    """mr mrs ms mx dr prof gen sen rep reps gov lt col sgt capt cmdr cpl adm maj rev hon
    pres st ste mt ft ave blvd rd jr sr messrs mme mlle sra srta inc ltd co corp bros plc
    llc dept univ assn dna est approx vs fig no nos nr op vol ch av cf ca al bzw usw
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri
    sat sun
    г гг им ул пр пл просп д кв стр руб коп млн млрд тыс см км кг ген проф акад доц тов
    гос обл р"""
)
"""Words (lower case) after which a full stop does not end a sentence ("Mr. Lavrov",
"Jan. 28", "в 2022 г. Путин"). Initials ("J. Smith", "M. Macron", "В. Путин") and
dotted forms ("U.S.", "т.е.") count too, by their shape."""
