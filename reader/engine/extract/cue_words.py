"""The vocabulary of site chrome: which words make a line of a page chrome, not article.

Owns: ``Cue`` and ``CUES``, the chrome cues (newsletter, donation, cookie, share, follow,
copyright, related, ticker, navigation, comments, advertising, disclosures, notices,
widget status lines, contributor notes, URL lines) in English, Russian, French, German
and Spanish, and which of them end an article ("stop" cues: once the body has started,
a "Most read" or "Sign up for" line opens the page footer). These are generic web-page
words; no rule names a particular site. How a line is matched against them (length
classes, the reader's voice, prefilters) is ``cues``. Imports only the standard library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Cue:
    """One chrome cue.

    :param reason: the ``Removed.reason`` it gives.
    :param pattern: matched against the reduced line text.
    :param stop: after the body has started, this line opens the footer zone.
    :param whole: the pattern only counts when the line is short (a label, not prose).
    :param keys: for patterns not anchored at the line start, lower-case substrings one of
        which must occur before the regex runs (speed: most lines are article prose).
    :param voice: beyond a few words, the line must also address the reader ("we",
        "your"): "The newsletter reported ..." is article, "Get our newsletter" is not.
    """

    reason: str
    pattern: re.Pattern[str]
    stop: bool = False
    whole: bool = False
    voice: bool = False
    keys: tuple[str, ...] = ()  # a pattern not anchored at ^ runs only if one key occurs


def _c(
    reason: str,
    pattern: str,
    *,
    stop: bool = False,
    whole: bool = False,
    voice: bool = False,
    keys: tuple[str, ...] = (),
) -> Cue:
    return Cue(reason, re.compile(pattern, _I), stop, whole, voice, keys)


CUES: tuple[Cue, ...] = (
    # Labels that open a list of other stories: always the end of the article.
    _c(
        "related",
        r"^(?:most (?:read|popular|viewed|shared|commented)(?: [^.!?]{0,40})?|read next|"
        r"(?:more|latest|top) (?:news|stories|from|on|in)\b[^.!?]{0,40}|you (?:may|might) (?:also )?like|"
        r"recommended(?: for you| stories| articles)?|trending(?: now)?|popular(?: now| stories)?|"
        r"related(?: articles?| stories| news| coverage| content| posts?| topics)?|"
        r"самое (?:читаемое|популярное)|читайте (?:также|еще|ещё)|популярное|главное|"
        r"новости партн[её]ров|les plus lus|à lire aussi|a lire aussi|lire aussi|sur le même sujet|"
        r"meistgelesen|mehr zum thema|das könnte sie auch interessieren|lesen sie auch|"
        r"lo más leído|lo mas leido|te puede interesar|lee también|noticias relacionadas)"
        r"\s*:?$",
        stop=True,
        whole=True,
    ),
    _c(
        "newsletter",
        r"^(?:sign up (?:for|to)|subscribe (?:to|for|now)|get (?:our|the) .{0,30}"
        r"newsletter|join (?:our|the) (?:mailing list|newsletter)|подпишитесь|abonnez-vous|"
        r"inscrivez-vous|newsletter abonnieren|jetzt abonnieren|suscríbete|suscribete)",
        stop=True,
    ),
    _c(
        "donation",
        r"^(?:a (?:message|note|word) from\b|dear readers?,?$|support (?:us|our)\b|"
        r"donate\b|make a (?:donation|contribution)|become a (?:member|supporter|patron)|"
        r"поддержите|soutenez|unterstützen sie)",
        stop=True,
    ),
    _c(
        "follow",
        r"^(?:follow us\b|follow (?:[\w'’.@-]+ ){0,4}on (?:twitter|facebook|instagram|telegram|linkedin|youtube|"
        r"tiktok|x)\b|"
        r"join us on|find us on|подписывайтесь на|suivez-nous|folgen sie uns|síguenos)",
        stop=True,
    ),
    _c(
        "comments",
        r"^(?:comments?|\d+ comments?|leave a (?:comment|reply)|"
        r"(?:log|sign) in to comment|комментарии|commentaires|kommentare|comentarios)\s*"
        r"(?:\(\d+\))?:?$",
        stop=True,
        whole=True,
    ),
    # Widgets that sit anywhere on the page, between body paragraphs too.
    _c(
        "weather",
        r"^(?:\d+[- ]day forecast|forecast|weather)\s*:?$|\b\d+[- ]day forecast$|"
        r"^(?:high|low|highs|lows)\s+(?:near |around |of )?-?\d{1,3}\s*°?\s*[FC]?\b[^.]{0,20}\.\s*"
        r"(?:winds?|low|high|chance)\b|\bwinds? (?:light and variable|(?:[NSEW]{1,3}|north|south|east|west)\w* "
        r"(?:at|around) \d+)",
        whole=True,
        keys=("forecast", "weather", "mph", "km/h", "winds"),
    ),
    _c(
        "subscription",
        r"^(?:subscribe|subscribe now|subscribe today|print subscriber\??|already a subscriber\??|"
        r"(?:log|sign) in to (?:continue|read)|choose (?:the|a|your) plan\b.*|try (?:one|1|a) (?:month|week)\b.*|"
        r"unlimited (?:digital )?access\b.*|digital access\b.*)$",
        whole=True,
    ),
    _c(
        "subscription",
        r"\b(?:subscription|subscriber|digital access|unlimited access|unlimited digital|"
        r"\$\d+(?:\.\d\d)? (?:for|per|a|/) ?(?:\d+ |one |a )?(?:weeks?|months?|year|day)|per (?:week|month)|"
        r"(?:free|\d+-day) trial)\b",
        whole=True,
        voice=True,
        keys=(
            "subscri",
            "digital access",
            "unlimited access",
            "unlimited digital",
            "$",
            "per week",
            "per month",
            "trial",
        ),
    ),
    _c(
        "poll",
        r"^(?:question of the day|poll|reader poll|today'?s poll|vote|cast your vote|take (?:our|the) poll|"
        r"view results|see results)\s*:?$|\bof readers think\b|\badd your two cents\b",
        whole=True,
        keys=("question of the day", "poll", "vote", "results", "of readers think", "two cents"),
    ),
    _c(
        "share",
        r"^(?:e-?mail|posted!|cancel\s*send|send|print|post to (?:facebook|twitter|x)\b.*|"
        r"a link has been (?:sent|posted)\b.*|read or share this story\b.*|share (?:this )?story\b.*|"
        r"(?:purchase: )?order (?:a )?reprints?|reprints?(?: & permissions| and permissions)?)$",
        whole=True,
    ),
    _c(
        "comments",
        r"^(?:join the (?:conversation|discussion)|click here to comment\b.*|"
        r"(?:view|show|read|post|add) (?:all )?(?:\d+ )?comments?)$",
        whole=True,
    ),
    _c(
        "comments",
        r"\bcomment(?:ing|s)\b.*\bguidelines\b|\b(?:comment|conversation|community) guidelines\b",
        whole=True,
        keys=("guidelines",),
    ),
    # The comment section's disclaimer: "Comments are the sole responsibility of ...".
    _c(
        "comments",
        r"^(?:(?:the |los |les |die )?(?:comments?|comentarios|commentaires|kommentare)\b[^.]{0,60}?"
        r"\b(?:responsibility|responsabilidad|responsabilité|verantwortung|verantwortlich))",
    ),
    _c(
        "newsletter",
        r"^(?:thank you for (?:signing up|subscribing|registering)\b.*|be the first to know\b.*|"
        r"sign me up!?|get (?:today'?s|the|our) .{0,40}\b(?:in your inbox|delivered)\b.*)$",
        whole=True,
    ),
    _c(
        "newsletter",
        r"\bdelivered (?:to your inbox|every (?:morning|day|week|weekday)|daily)\b",
        whole=True,
        keys=("delivered",),
    ),
    _c("related", r"^(?:more|related|also|see also|watch|read|video)\s*:\s*\S", whole=True),
    _c(
        "related",
        r"^(?:this (?:story|article) (?:was )?(?:originally|first) (?:published|appeared)\b.*|"
        r"(?:originally|first) (?:published|appeared) (?:at|in|on|by) \S.*)$",
        whole=True,
    ),
    _c(
        "source",
        r"^\((?:from|via|source:?)\s+[A-Z][^()]{0,40}\)$|^(?:media|source|credit)\s*:\s*\S.{0,40}$",
        whole=True,
    ),
    # Anywhere in a short line.
    _c(
        "donation",
        r"\b(?:ad-free|disabled (?:all )?ads|your support|support us|donat(?:e|ion)|"
        r"contribut(?:e|ion) (?:now|today|monthly)|monthly or one-time|remind me later|"
        r"not ready to support|we need your help|payment methods|paywall|ads? free|"
        r"support (?:our|independent|quality|local) journalism)\b",
        whole=True,
        voice=True,
        keys=(
            "ad-free",
            "ads",
            "support",
            "donat",
            "contribut",
            "monthly",
            "remind me",
            "help",
            "payment",
            "paywall",
        ),
    ),
    _c(
        "newsletter",
        r"\b(?:newsletters?|subscribers agree|(?:in|to|into) your (?:inbox|mailbox)|"
        r"unsubscribe|рассылк\w*|lettre d'information)\b",
        whole=True,
        voice=True,
        keys=("newsletter", "subscriber", "inbox", "mailbox", "unsubscribe", "рассылк", "lettre d"),
    ),
    _c(
        "cookie",
        r"\b(?:cookies?|cookie (?:policy|settings|preferences|notice)|"
        r"privacy (?:policy|settings|notice)|accept all|manage (?:preferences|consent|cookies)|"
        r"cookie consent|datenschutz\w*|confidentialité|файлы cookie)\b",
        whole=True,
        voice=True,
        keys=(
            "cookie",
            "privacy",
            "accept all",
            "manage",
            "consent",
            "datenschutz",
            "confidentialit",
        ),
    ),
    _c(
        "share",
        r"^(?:share(?: this| on| via|:|$)|share (?:article|story)|copy link|"
        r"email (?:this|to a friend)|print(?: this)?(?: article)?$|tweet$|"
        r"поделиться|partager|teilen|compartir)",
        whole=True,
    ),
    _c(
        "copyright",
        r"(?:©|\(c\)\s*\d{4}|^copyright\b|\bcopyright (?:\d{4}|©)|all rights reserved|"
        r"все права защищены|tous droits réservés|alle rechte vorbehalten|"
        r"todos los derechos reservados)",
        whole=True,
        keys=(
            "©",
            "(c)",
            "copyright",
            "reserved",
            "права защищены",
            "droits réservés",
            "rechte vorbehalten",
            "derechos reservados",
        ),
    ),
    _c(
        "ticker",
        r"^(?:breaking(?: news)?|live(?: updates)?|just in|developing(?: story)?|"
        r"срочно|молния|en direct|eilmeldung|última hora|ultima hora)\s*:?$",
        whole=True,
    ),
    _c(
        "advertising",
        r"^(?:skip (?:advertisement|ad)|(?:story|article) continues (?:below|after)|"
        r"continue reading (?:below|the main story)|scroll to continue)\b",
        whole=True,
    ),
    _c(
        "share",
        r"^(?:gift (?:this )?article|save (?:this )?(?:article|story|for later)|"
        r"listen to (?:this )?(?:article|story)|\d+\s*min(?:ute)?s? listen|"
        r"(?:font|text) size|bookmark)\b",
        whole=True,
    ),
    _c(
        "advertising",
        r"^(?:advertisement|advertising|sponsored(?: content)?|ad|ads|"
        r"реклама|publicité|anzeige|werbung|publicidad)\s*:?$",
        whole=True,
    ),
    _c(
        "related",
        r"^(?:related(?: article| story| stories| coverage)?|read (?:more|also)|"
        r"see also|also read|watch|listen|more on (?:this|that)|читайте также|читать далее|"
        r"подробнее|(?:à |a )?lire (?:aussi|la suite)|voir aussi|lesen sie (?:auch|mehr)|mehr lesen|"
        r"lee (?:también|más)|leer más)\s*(?::|[|–—-]\s)",
        whole=True,
    ),
    _c(
        "tags",
        r"^(?:tags|tagged|topics|related topics|keywords|filed under|теги|темы|mots-clés|"
        r"schlagworte|themen|etiquetas|temas)\s*(?::|$)|^(?:filed|posted) (?:under|in)\s+\S",
        stop=True,
        whole=True,
    ),
    _c(
        "related",
        r"^(?:read more|continue reading|read the full (?:story|article)|"
        r"читать далее|подробнее|lire la suite|weiterlesen|leer más)\s*\.{0,3}$",
        whole=True,
    ),
    _c(
        "url",
        r"^(?:original|source|canonical|article|permanent|perma)?\s*(?:url|link)\s*:",
        whole=True,
    ),
    _c(
        "navigation",
        r"^(?:home|menu|search|skip to (?:main )?content|toggle navigation|"
        r"log ?in|sign ?in|sign ?up|register|my account|close|back to top|next|previous|"
        r"главная|поиск|войти|accueil|rechercher|startseite|suche|inicio|buscar|×|✕|x)$",
        whole=True,
    ),
    _c(
        "promotion",
        r"\bdownload (?:our|the)\b.{0,30}\bapp\b|"
        r"^listen to .{0,60}\b(?:bulletin|podcast|programme|program|show|episode)\b|"
        r"\b(?:available|get it) on (?:the )?(?:app store|google play)\b",
        whole=True,
        keys=("download", "listen", "app store", "google play"),
    ),
    _c(
        "masthead",
        r"(?:website|site|app) can (?:also )?be (?:accessed|found|reached|downloaded)|"
        r"alternate (?:addresses|domains)|download (?:our|the) app",
        whole=True,
        keys=("website", "site", "app", "alternate", "download"),
    ),
    # What a site prints under every article, in the site's own voice: disclosures,
    # comment-section rules, app and browser notices. Matched in lines of any length
    # (a disclosure runs to several sentences); beyond a few words the line must also
    # address the reader, so a story about commissions or comments stays article.
    _c(
        "affiliate",
        r"\b(?:affiliate (?:commission|links?|partners?(?:hips?)?)|(?:earn|receive|get) "
        r"(?:a |an )?(?:small )?(?:share of (?:the )?)?(?:commission|compensation)|"
        r"advertising disclosure|paid links?|supported by (?:its|our) (?:audience|readers))\b",
        voice=True,
        keys=(
            "affiliate",
            "earn a",
            "earn commission",
            "receive a",
            "receive compensation",
            "get a",
            "disclosure",
            "paid link",
            "supported by its",
            "supported by our",
        ),
    ),
    _c(
        "comments",
        r"\b(?:(?:log|sign) in (?:here )?to (?:leave|post|add|write) (?:a )?(?:comment|reply)|"
        r"notify me (?:of|when) (?:new )?(?:comments|replies|follow-up)|comment data is processed)",
        keys=("a comment", "a reply", "notify me", "comment data"),
    ),
    _c(
        "comments",
        r"\b(?:comments (?:are|will be|may be) (?:moderated|reviewed|closed|republished|"
        r"published)|(?:leave|post|add|submit|write) (?:a |your )?(?:comment|reply|letter)\b|"
        r"new comments|comment data|reader comments|comments? (?:section|policy)|"
        r"letters? to the editor|(?:log|sign) in (?:here )?to (?:leave|post|add|join))",
        voice=True,
        keys=(
            "comments",
            "a comment",
            "your comment",
            "a reply",
            "your reply",
            "a letter",
            "your letter",
            "comment data",
            "to the editor",
            "log in",
            "sign in",
        ),
    ),
    _c(
        "cookie",
        r"\b(?:(?:we|site|website) uses? cookies|use of cookies|cookies? (?:policy|policies|settings|"
        r"preferences|notice|consent)|utilisation (?:de|des) cookies|verwendung von cookies|"
        r"uso de (?:las )?cookies|cookies? (?:akzeptieren|zulassen|accepter|aceptar)|"
        r"использу\w* (?:файлы )?cookie)",
        voice=True,
        keys=("cookie",),
    ),
    _c(
        "notice",
        r"\b(?:(?:update|upgrade) your browser|browser (?:version|is (?:out of date|not supported))|"
        r"limited support for css|(?:enable|turn on) javascript|javascript is (?:disabled|required|"
        r"turned off)|protected by recaptcha|(?:privacy policy|terms of service) (?:and [\w ]{1,30})?apply)\b",
        keys=("browser", "css", "javascript", "recaptcha", "privacy policy", "terms of service"),
    ),
    _c(
        "promotion",
        r"\b(?:(?:download|get|install) (?:the |our )?[\w' ]{0,30}\bapps? (?:for|on) "
        r"(?:ios|android|iphone|ipad|your phone)\b)",
        keys=("apps for", "apps on", "app for", "app on"),
    ),
    _c(
        "newsletter",
        r"\b(?:straight to your inbox|never miss (?:a|an|our|the)\b)",
        voice=True,
        keys=("straight to", "never miss"),
    ),
    _c("promotion", r"\bstraight to your phone\b", voice=True, keys=("straight to",)),
    _c(
        "copyright",
        r"\b(?:some rights reserved|copyrighted (?:property|material)|"
        r"(?:written|prior) permission (?:must|is required)|reprint(?:ing)? (?:content|this article) "
        r"without)",
        keys=("rights reserved", "copyrighted", "permission", "reprint"),
    ),
    # A widget's own status line: loading spinners, failed requests, player dialogs.
    _c(
        "widget",
        r"^(?:loading|saving|please wait|(?:[\w' ]{1,30} )?failed\.? (?:please )?try again(?: later)?|"
        r"(?:please )?try again(?: later)?|sorry[,!]? .{0,60}\btry again(?: later)?|"
        r"there was (?:a|an) (?:problem|error)\b.{0,40}|something went wrong\b.{0,40}|"
        r"this is a modal window\b.{0,80})\s*[.!…]*$",
        whole=True,
        # Keyed, not in the anchored union every line is matched against: the optional
        # word run before "failed" would be tried at the start of every line.
        keys=(
            "loading",
            "saving",
            "please wait",
            "try again",
            "there was a",
            "something went wrong",
            "modal window",
        ),
    ),
    # A contributor's note under the article: "Ana Ruiz is a senior writer for the
    # Gazette, covering ...", "Ana Ruiz writes about energy". Only the name's own
    # sentence at the line start counts; a staff job must follow.
    _c(
        "credits",
        r"^(?:[A-Z][\w'’.-]+ ){1,3}(?:is|was) (?:a|an|the)(?: [\w,&-]+){0,5}? "
        r"(?:writer|reporter|correspondent|editor|columnist|contributor|journalist|producer|"
        r"photographer|host)s?\b(?: (?:for|at|with|of|on|who|based|covering)\b|,)"
        r"|^(?:[A-Z][\w'’.-]+ ){1,3}(?:writes|reports) (?:about|on) [a-z]",
    ),
    _c(
        "metadata",
        r"^\d+\s*(?:min(?:ute)?s?|мин\w*)\.?\s*(?:read|de lecture|lesezeit|"
        r"de lectura|чтения|на чтение)?$|^(?:source|sources|источник|quelle)\s*:\s*\S.{0,40}$"
        r"|^(?:updated|published|posted|обновлено|mis à jour|aktualisiert)\s*:?$",
        whole=True,
    ),
)
