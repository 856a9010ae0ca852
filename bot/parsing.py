"""Reading meaning out of what people type: yes or no, numbers, names, who a
person is, which part of the record they mean, a reference and resume code.

Plain functions on text; deterministic, so they behave the same on every turn.
"""
from __future__ import annotations

import re
from typing import Optional

from bot import sections
from bot.splitting import in_ordinary_case

# Rasa reads a message that starts with "/" as an intent with entities ("/affirm",
# '/inform{"answer": "x"}'), skipping the classifier: a person could type their way past
# the interview, or "/ my garden" would be lost. The gateway puts this invisible mark (a
# word joiner, which Rasa's strip() keeps) in front of a message that starts with "/",
# and whoever reads the text back from the tracker takes it off again with `typed`.
TYPED_MARK = "\u2060"


def mark_typed(text: str) -> str:
    return TYPED_MARK + text


def typed(text: str) -> str:
    """The person's own words, without the gateway's mark."""
    return text[len(TYPED_MARK):] if text.startswith(TYPED_MARK) else text


# "Well yes love, go on and save it", "och no": a word to clear the throat comes first.
_THROAT = r"(?:(?:well|oh|ah|erm|um|hmm|och|so)[\s,.!]+)?"
YES = re.compile(rf"^\s*{_THROAT}(yes|yeah|yep|yup|aye|ok|okay|sure|please|go on|y|correct|right|that'?s right|carry on)\b",
                 re.I)
NO = re.compile(rf"^\s*{_THROAT}(no|nope|nah|not really|n|nothing|none|stop)\b", re.I)
NOT_SURE = re.compile(r"\b(not sure|don'?t know|dunno|maybe|unsure|no idea)\b", re.I)
# "That's not what I meant" after a safety response: a false alarm, kept at no cost.
NOT_MEANT = re.compile(
    r"\b(not what i (meant|mean|said|was saying)|(i )?didn'?t mean (that|it like that|it)|"
    r"that'?s not (it|right|true|what i meant)|you (got|have got|'ve got) (it|that|me) wrong|misunderstood|"
    r"misread|false alarm|wrong (end of the stick|idea)|(only|just) (joking|a joke|an expression|a saying|"
    r"a figure of speech)|i was (joking|only joking|kidding)|not (like|in) that way|nothing like that)\b", re.I)
DONE = re.compile(r"^\s*(done|finished|that'?s (it|all|everything)|nothing( else)?|no( thanks?)?|all done)\b", re.I)
# Someone filling it in for another person ("for my mum", "I'm doing this as his
# carer"), or for themselves ("for myself", "just me").
FOR_SOMEONE_ELSE = re.compile(
    r"\b(s[ou]me?(?:one|1|body|bdy|buddy) ?els?e?\b|behalf|their permission|for (my|him|her|them|his|our)\b|"
    r"(as|i'?m|i am) (his|her|their) \w+|(help|helping|doing this for|filling (this|it) in for) (my|him|her|them|his|our)\b|"
    r"\bfor (mum|mam|mom|mammy|mummy|ma|dad|daddy|da|nan|nana|nanna|gran|granny|grandad|grandma|grandpa|nani|nana ji|"
    r"auntie|aunty|uncle)\b)",
    re.I)
# "me do for husband", "I'm doing it for the wife": someone else, unless they also say it is for themselves.
FOR_A_RELATION = re.compile(
    r"\bfor (?:(?:the|me|our|a|an)\s+)?(?:husband|hubby|wife|missus|partner|son|daughter|brother|sister|mother|"
    r"father|mother-in-law|father-in-law|mum-in-law|friend|neighbour|nephew|niece|grandson|granddaughter|"
    r"aunt|auntie|uncle|fella|lad|lass|mum|mam|dad|nan|gran|grandad)\b", re.I)
# Said to "for yourself, or for someone else?": a relation of theirs first ("me uncle he
# cant use a computer", "my mum") is who it is for, unless it is typed "for me" ("my
# daughter is typing it for me"); named further on, they may be helping ("Is mi own
# self doing it. Mi daughter show mi which button fi press").
_KIN = (r"husband|hubby|wife|missus|partner|son|daughter|brother|sister|mother|mum|mam|mom|father|dad|da|nan|nana|"
        r"nanna|gran|granny|grandad|grandma|grandpa|grandson|granddaughter|uncle|auntie|aunty|aunt|nephew|niece|"
        r"friend|neighbour|fella|lad|lass|mother-in-law|father-in-law|cousin|client")
RELATION_NAMED = re.compile(
    r"^\W*(?:(?:s[ou]me?(?:one|1|body) ?els?e?|it'?s|its|for|well|erm+|um+|ok|okay|oh|yes|yeah)\W+)*"
    rf"(?:my|me|mi|ma|our)\s+(?:{_KIN})\b", re.I)
FOR_ME = re.compile(r"\bfor me\b(?![\s,]+(?:and|&|n)\b)", re.I)
_ME_RELATION = rf"(?!\s+(?:{_KIN})\b)"  # "me mam", "for me dad": "me" for "my", not the person themselves
FOR_MYSELF = re.compile(r"\b(myself|meself|mesel|masel|(?:my|me|mi) own self|(it'?s|this is|just|only) (for )?me|"
                        r"me only|only me|me,? (obviously|of course))\b|"
                        rf"^\W*(for )?(me|myself)\b(?![\s,]+(and|&|n)\b){_ME_RELATION}|"
                        r"^\W*(?:(?:yes|yeah|yep|ok|okay|aye)\W+)+(?:for (?:me|myself)\b|(?:me|myself)(?=\W*$|\W*[,.;-]))"
                        rf"(?![\s,]+(and|&|n)\b){_ME_RELATION}", re.I)  # "yes - for me this time, not Dad"; "me. me"
# Words that make a message clearly one of the guide's moves. At a question that takes
# the person's words, a message the NLU reads as a move is taken as one only when it
# says so in these words and is short; otherwise it may be an answer ("my health",
# "watching telly", "done up the garden"), so it is kept and the person is asked.
_MOVE_WORDS = {
    "greet": r"^\W*(hi|hello|hiya|hey|hey there|good (morning|afternoon|evening)|morning|afternoon|evening|hallo|"
             r"hello again|hi again)( there)?\W*$",
    "ask_why": r"\bwhy\b|\b(got )?to do with (it|this|anything|owt|you)\b|\bgot to do wi\b|\bwhat (is|'s) (this|that|it) for\b|\bwhat for\b|\bneed to know\b|\bwhose business\b|"
               r"\breason\b|\bwhat do you (need|want) (that|it|this) for\b",
    "skip": r"^\W*next\W*$|\b(skip|pass|next (question|one|please)|rather not|prefer not|would not like to say|move on|no comment|"
            r"leave (it|that|this)|not (answering|saying)|don'?t want to (say|answer))\b",
    "dont_know": r"\b(don'?t know|dont know|dunno|idk|not sure|no idea|can'?t think|no clue|unsure|"
                 r"haven'?t (a|got a) clue|not a clue|search me)\b",
    "go_back": r"\b(go(ing)? back|back to|change (something|that|my|an?|the|what|who|where|how|it)|"
               r"(want|like|need|have) to change|can i change|previous|earlier question|"
               r"last question|made a mistake|undo|edit)\b",
    "remove_item": r"\b(remove|delete|take (out|off)|take (number |no\.? ?)?\d+ (out|off)|get rid of|cross (out|off)|scrap|scratch)\b",
    "pause": r"\b(stop|pause|later|come back|save (it|this|my)|take a break|break|another time|tomorrow|bye|"
             r"goodbye|finish (this )?(for now|later)|that'?s enough for (now|today))\b",
    "resume": r"\b(carry on|continue|resume|reference|code|pick up|where i left)\b",
    "delete_all": r"\b(delete|erase|wipe|remove|forget)\b.*\b(everything|all|my (data|answers|details|information))\b",
    "handoff": r"\b(speak|talk|chat) (to|with) (a|an|some|the|real)\b|\breal person\b|\bhuman\b|"
               r"\b(call|ring|phone) me( back)?\b(?!\s+(?:by\s+)?(?-i:[A-Z]))|\bcall ?back\b|\bsocial worker\b.*\b(speak|talk|call)\b",
    "help": r"^\W*(help|help me|help please|please help|what can i (say|do)|how does (this|it) work|instructions|"
            r"options|menu|i'?m (lost|confused|stuck)|confused|lost|stuck|i don'?t understand( (this|that|the question))?|"
            r"what do you mean|what\?+|eh\?+|huh\?*|pardon\??|sorry\?+|come again\??)\W*$",
    "chitchat": r"^\W*(how are you( today| doing)?|thanks?( you)?|cheers|lol|haha|are you (a )?(robot|bot|computer|"
                r"real|human)|who are you|what'?s your name|what is your name|nice( one)?|cool|good (bot|job))\W*$",
}
_MOVE_PATTERNS = {intent: re.compile(pattern, re.I) for intent, pattern in _MOVE_WORDS.items()}
_MOVE_MAX_WORDS = 12


# A longer message that opens with a move and then says why: "Why are you asking that?
# I don't like blowing my own trumpet", "Please remove 4, the one about the house".
# Only these openings count: a life is full of sentences that start "the reason I get
# up", "going back to work", "pass the time" or "talk to the neighbours".
_OPENINGS = {
    "ask_why": re.compile(r"^\W*(why (are|do|would|did|is|should|does) (you|it|they|this|that)\b[^.?!]*\?|"
                          r"why (you|yuh|ya|u|ye) (ask|asking|want|need|wan)\w*\b[^.?!]*\?|"
                          r"what('s| is| are) (this|that|these|it|they) (for|about)\?|"
                          r"what do you (need|want) (that|it|this|them) for\b)", re.I),
    "remove_item": re.compile(r"^\W*(please )?(can you |could you )?((remove|delete|take (off|out)|cross (off|out)|"
                              r"get rid of)\W+(number |no\.? ?)?\d+|take (number |no\.? ?)?\d+ (off|out))\b", re.I),
}


# "back to" something that is not a question, a section or the start is a life, not a move.
_BACK_TO_A_LIFE = re.compile(
    r"\bback (?:to|into|on)\s+(?!(?:the\s+)?(?:what|start|beginning|last|previous|earlier|first|question|section|"
    r"my answers?|answers?|that|this|it|where|family|people|community|outcomes?|risks?|strengths?|name|working|good|"
    r"going|not|summary|list|top)\b)\w", re.I)


def clearly_a_move(intent: Optional[str], text: str) -> bool:
    """Whether a message read as the move `intent` says so in so many words: in a
    short message, or as the opening of a longer one."""
    pattern = _MOVE_PATTERNS.get(intent or "")
    if pattern is None:
        return False
    if intent == "go_back" and _BACK_TO_A_LIFE.search(text):
        return False  # "Want to get back to running", "I'd love to go back to church": a wish, not a move
    if len(text.split()) <= _MOVE_MAX_WORDS and pattern.search(text):
        return True
    opening = _OPENINGS.get(intent or "")
    return opening is not None and bool(opening.search(text))


# Said at a "more" question: nothing more to add ("that's your lot", "nowt else").
NOTHING_MORE = re.compile(
    r"^\W*((meh|well|erm|um|hmm|ok|okay|oh)\W+)?(no+|nope|nah|na|none|nothing|nowt( else)?|nothing (else|more)|no(thing)? more|no,? that(?:'?s| is) (it|all)|"
    r"that(?:'?s| is) (it|all|everything|your lot|about it|all for now)(,? (i think|i reckon|for now|really|thanks?|thank you|tbh))?|"
    r"no ?(body|one) else|(all )?done|finished|i'?m done|not really|"
    r"can'?t think of anything( else)?|i think that(?:'?s| is) (it|all|everything)|no,? (thanks?|thank you|ta)|"
    r"not that i can think of|that(?:'?s| is) the lot|that(?:'?s| is) all i can think of|that(?:'?s| is) plenty|that(?:'?s| is) enough|that(?:'?s| is) everybody|that(?:'?s| is) everyone)\W*$|"
    r"^\W*((meh|well|erm|um|hmm|ok|okay|oh)\W+)?(no+|nope|nah|not really)\b[\s,.;:!-]*(that(?:'?s| is)|thats|those are|these are|those( \w+)?$|as i said|i think|i don'?t think|nothing|not|thanks?|thank you|ta|"
    r"cheers|i'?m (done|finished)|enough|all|i can'?t think)\b|"
    r"^\W*(no+|nope|nah|not really)\b[^.?!]*\b(stop|leave it|end) (it )?there\b", re.I)  # "No, she's going red so I'll stop there"
# "no man, mi nuh like fi complain", "No; she would say I was boasting on her behalf":
# a "no" to "anything else?" with a remark after it. A new item after the "no" starts
# with the thing ("no, my garden too") or turns with "but" (checked by the caller).
_NO_THEN = re.compile(r"^\W*(?:no+|nope|nah|naw|na)\b(?:\s+(?:man|mate|love|pet|hen|dear|thanks?|ta))?"
                      r"[\s,.;:!-]+(?P<rest>\S.*)$", re.I | re.S)
_THING_FIRST = re.compile(r"^(?:my|our|his|her|their|the|a|an|also|and|plus|just|only|maybe|perhaps|apart|"
                          r"except|one|some|more|oh)\b", re.I)


# A remark about the conversation itself, not a new thing: "dat cover it", "that'll do",
# "enough blowing my own trumpet", "if that happens the rest sorts itself out".
_ABOUT_THE_TALK = re.compile(
    r"\b(?:(?:th|d)at|dis|this|it)(?:'?s| is| will| would|'?ll)?\s+(?:it|all|enough|the lot|di lot|everything|do|cover\w*)\b|"
    r"\bcover\w*\b|\benough\b|\bboast\w*|\bcomplain\w*|\btrumpet\b|\bsaid\b|\bthanks?\b|\btank\b|\bbless\b|"
    r"\bdone\b|\bif that\b|\b(?:th|d)at'?s\b|\bshaking (?:his|her) head\b|\bdziękuję\b", re.I)


def no_then_remark(text: str) -> bool:
    """A "no" to "anything else?" with only a remark after it (nothing to keep)."""
    match = _NO_THEN.match(text)
    if not match or _THING_FIRST.match(match.group("rest")):
        return False
    rest = match.group("rest")
    return len(rest.split()) <= 3 or bool(_ABOUT_THE_TALK.search(rest))


def no_then_more(text: str) -> Optional[str]:
    """"nah. boilers been broke 3 week mind": a "no" and then something to keep (the rest)."""
    match = _NO_THEN.match(text)
    if not match or no_then_remark(text) or _THING_FIRST.match(match.group("rest")):
        return None
    return match.group("rest")


# "told you already", "same as before", "as above": the person points back at what
# they wrote earlier (all of it kept where it was typed), saying nothing new here.
_SAID_BEFORE = re.compile(
    r"^\W*(?:please )?(?:(?:i'?ve |i have |i )?(?:already |just )?(?:said|told you|answered|put|covered)(?: (?:that|this|it|them))?"
    r"(?: (?:already|before|above|earlier))?|(?:as|see|same as|like) (?:above|before|i said|i say|earlier)|"
    r"(?:the )?same(?: (?:as|again))?(?: (?:before|above))?|asked and answered|ditto)(?=$|[\s.,!:;-]*$|[.,!:;-])"
    r"[\s.,!:;-]*", re.I)


def said_before(text: str) -> Optional[str]:
    """For a message that points back ("told you. me knees"), the rest of it (maybe
    empty); None when it does not point back."""
    match = _SAID_BEFORE.match(text)
    return text[match.end():].strip() if match else None


# "no thats it. actually no, the flat theyve offered me is in hendon": a closing, then
# the person thinks again; what follows is an answer.
_CHANGED_MIND = re.compile(
    r"^(?P<closing>.*?)[.!,;]+\s*(?:actually|wait|oh wait|hang on|hold on|mind you|oh and|oh)\b[\s,.!-]*"
    r"(?:(?:no|yes|yeah|there is|one more|thinking about it)\b[\s,.!-]*)*(?P<rest>.+)$", re.I)


def changed_mind(text: str) -> Optional[str]:
    """The words after a closing the person took back ("no thats it. actually, ..."), or None."""
    match = _CHANGED_MIND.match(text)
    if match and NOTHING_MORE.match(match.group("closing")) and len(match.group("rest").split()) >= 2 \
            and not _ABOUT_THE_TALK.search(match.group("rest")):
        return match.group("rest").strip()
    return None


_BARE_NO = re.compile(r"^\W*(?:no+|nope|nah|na|none|nothing|not really)\W*$", re.I)


def closing_rest(text: str) -> Optional[str]:
    """"the stairlift, that's been a godsend, that's it": the words before a closing
    "that's it" (the person has finished the section), or None when it does not end so."""
    stripped = text.strip(" .!?\n")
    parts = re.split(r"(?:[,;.!?]+|\s[-\u2013]\s)\s*", stripped)
    last = parts[-1]
    if len(parts) < 2 or len(last.split()) < 2 or _BARE_NO.match(last) or not NOTHING_MORE.match(last):
        return None
    rest = re.sub(r"\W*(?:and|but)?\s*(?:no+|nope|nah)?\W*$", "", stripped[:stripped.rfind(last)], flags=re.I)
    return rest if rest.strip() and not NOTHING_MORE.match(rest) else None


# "What happens next?", "who will see this?": asked at any point, answered, never stored.
WHAT_HAPPENS_NEXT = re.compile(
    r"^\W*(so |and |ok,? )?(what happens (next|now|after( this| that)?|then)|what('s| is) next|what do you do with (this|it|my answers)|"
    r"what will happen (next|now|after)|when will (someone|anyone|they|you) (contact|call|ring|get back to) (me|us))\W*$", re.I)
WHO_SEES = re.compile(
    r"^\W*(so |and |ok,? )?(who (will|can|would|gets to|is going to) (see|read|look at)|who sees|who reads|who has access to)"
    r"( (this|it|my answers|what i (say|write|type)|these answers|the answers))?\W*$", re.I)
NO_CONTACT = re.compile(
    r"\b(do not|don'?t|dont|no) (contact|call|ring|phone|email|get in touch)|\bno contact\b|\bno thanks?\b|"
    r"^\W*(no|nope|none|nah)\W*$|\bleave (me|us) alone\b|\brather (you|they) didn'?t\b", re.I)
# What is going well, and what is not: people asked "anything else that is going
# well?" often say what is not. Words that mark each side, counted in `polarity`.
_NOT_WELL = re.compile(
    r"\b(not|no one|nobody|never|nothing|can'?t|cannot|won'?t|don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|couldn'?t|"
    r"rubbish|awful|terrible|horrible|dreadful|hard|harder|difficult|struggl\w*|worse|worst|problem\w*|pain|painful|"
    r"lonely|loneliness|tired|shattered|exhausted|knackered|bored|boring|worr\w+|stress\w*|cancel\w*|late|broken|"
    r"leak\w*|too much|hate|miss|misses|missed|missing|lost|knocked back|nocked back|fed up|sick of|useless|poor|bad|weak|stuck|"
    r"nightmare|mess|falling apart|behind|waiting|wait|forget\w*|forgot|confus\w+|muddled|scared|frightened|"
    r"ignor\w+|unreliable|never turns up|doesn'?t turn up|optional|a joke|nemesis|can only|only manage|broke|naebody|"
    r"impossible|shocking|horrendous|fuzzy|whistl\w*|playing up|packed up|on the blink|conked out|gone wrong|"
    r"keeps? (?:breaking|stopping|cutting out|going off)|throw it|drags?|dragging|tight|skint|brassic|"
    r"hard up|can'?t afford)\b", re.I)
_WELL = re.compile(
    r"\b(good|great|brilliant|likes|liked|lovely|wonderful|fantastic|excellent|helps|helped|helping|helpful|kind|fine|better|enjoy\w*|"
    r"love|loves|happy|support\w*|pops in|decent|reliable|works|working|sorted|improv\w+|"
    r"thank\w*|marvellous|a godsend|godsend|bless|grand|champion|spot on|understanding|pleased|glad|"
    r"help(?= (?:me|us|him|her|them|out)\b))\b", re.I)
# Praise said with a "not": "which I don't mind at all", "no bother", "never late once".
# "He'll now eat pasta with sauce on it. Doesn't sound much. It's huge.": modesty, not a complaint.
_MODEST = re.compile(r"\b(?:it |that )?(?:doesn'?t|does not|might not|may not) (?:sound|seem|look) (?:like )?"
                     r"(?:much|a lot|a big deal|anything)\b", re.I)
_NOT_BAD = re.compile(r"\b(?:(?:don'?t|do not|wouldn'?t|would not) mind|no (?:problem|bother|trouble)|not bad|"
                      r"can'?t complain|never (?:late|misses|missed)|couldn'?t be better|nothing wrong with|"
                      r"(?:don'?t|do not|doesn'?t|never) (?:have|need) to|no need to)\b", re.I)


_NEGATED_WELL = re.compile(r"\b(?:not|no|never|can'?t|cannot|don'?t|doesn'?t|isn'?t|won'?t|hardly|not very|"
                           r"neither(?: of (?:us|them))?|none of (?:us|them)|nobody|no one|no-one|"
                           r"nothing(?:'s| is)?(?: going| much)?|not (?:much|a lot|a great deal)(?: is)?(?: going)?)\s+(?:\w+\s+)?"
                           r"(?:" + _WELL.pattern[3:-3] + r")\b", re.I)


_SELF_CORRECTION = re.compile(r"\b(?:sorry|i mean|i meant|or rather)\W+not\b|"
                              r"\b(?:edit|correction|typo)\W.*?,\s*not\b", re.I)  # "edit: does the weekly shop, not the school run"


# "Working well - MTX finally controlling the RA" / "Not working -": a line the person
# labelled with the side it is on.
_LABEL_WELL = re.compile(r"^\W*(?:working well|working|going well|good|positives?|the good)\W*$", re.I)
_LABEL_NOT_WELL = re.compile(r"^\W*(?:not working(?: well| so well)?|not going well|not so good|bad|negatives?|"
                             r"problems?|the bad|not good)\W*$", re.I)


def side_label(text: str) -> int:
    """+1 or -1 when the piece is a label of one side ("Not working") or starts with one
    ("Not working: fatigue by 4pm"), else 0."""
    head = re.split(r"\s*(?::|\.{2,}|\u2026|\s[-\u2013]\s)\s*", text, maxsplit=1)[0]  # "going well... my meds"
    if _LABEL_WELL.match(head) or _FOR_THE_WELL_QUESTION.search(text):
        return 1
    return -1 if _LABEL_NOT_WELL.match(head) or _FOR_NOT_WELL.match(text) else 0


# "I forget before for the question what is going well, the English class is very good"
_FOR_THE_WELL_QUESTION = re.compile(r"\b(?:for|about|to)\s+(?:the\s+)?(?:question\s+)?(?:of\s+)?"
                                    r"what(?:'s|s| is)\s+(?:going|working)\s+well\b", re.I)
_FOR_NOT_WELL = re.compile(r"^\W*(?:and\s+)?for\s+(?:the\s+)?(?:what is\s+)?not\s+(?:working|going well)\b", re.I)  # "For not working, I feel..."


def only_a_label(text: str) -> bool:
    return bool(_LABEL_WELL.match(text) or _LABEL_NOT_WELL.match(text))


def polarity(text: str) -> int:
    """Below 0: the words say something is not going well; above 0: going well; 0: both
    or neither (then the question asked decides). A self-correction ("Sundays - sorry
    not Sundays, Saturdays") says nothing about how things are going."""
    text = _NOT_BAD.sub(" good ", _MODEST.sub(" ", _SELF_CORRECTION.sub(" ", text)))
    negated = len(_NEGATED_WELL.findall(text))  # "can't manage", "not good", "no support"
    negative, positive = len(_NOT_WELL.findall(text)), len(_WELL.findall(text)) - negated
    if negative and not positive:
        return -1
    if positive and not negative:
        return 1
    return 0


# What a call-back request needs: a number, an email, or when to call ("07700 900123,
# mornings", "same number as before", "any time after 2").
CONTACT_DETAILS = re.compile(
    r"\d[\d\s()+-]{4,}\d|@|\b(?:mornings?|afternoons?|evenings?|nights?|am|pm|any ?time|weekdays?|weekends?|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?|o'?clock|after \d|before \d|same number|this number|my number|"
    r"number (?:you|i) (?:have|gave)|mobile|landline|e-?mail|text me|ring me|call me|phone me)\b", re.I)
# A number on its own ("3", "7/10") where words were asked for.
LONE_NUMBER = re.compile(r"^\W*(\d{1,2})(\s*(/|out of)\s*10)?\W*$", re.I)
# A message that asks what is going on rather than answering: help, never an answer.
PUZZLED = _MOVE_PATTERNS["help"]
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten".split())}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "last": -1}
_RELATIONS = (
    "daughter", "son", "wife", "husband", "partner", "friend", "neighbour", "neighbor", "sister",
    "brother", "mum", "mother", "dad", "father", "grandson", "granddaughter", "grandchildren",
    "grandkids", "niece", "nephew", "cousin", "aunt", "uncle", "carer", "son-in-law",
    "daughter-in-law", "stepson", "stepdaughter", "family", "children", "kids", "boyfriend", "girlfriend",
)


# What clearly answers each list section's own question, for a message typed at a
# repeated "anything else?" of the section before it (bot/interview/answers.py): people
# who expect one "anything else?" per section answer the next question there.
_WORKING_CUE = re.compile(
    r"\b(helps|helped|helpful|going well|goes well|works well|working well|is working|are working|sorted|"
    r"pops in|pop in|pops round|comes in|calls in|is fine|are fine|is good|are good|is great|better now|"
    r"godsend|reliable|no problems?|no complaints|therapy|physio\w*|stairlift|stair lift|grab rails?|blister pack|"
    r"meals on wheels|district nurse|day centre|home help|pendant alarm|carers? (?:come|comes|visit|visits))\b|"
    r"(?<!\bnot )(?<!\bno )\b(?:good|great|fine|brilliant|better)(?: now)?\s*(?:[.,;!]|$)", re.I)  # "video call good."
_GOOD_AT = re.compile(
    r"\b(good at|good with|great at|brilliant at|brill at|excellent at|clever at|dab hand|handy with|"
    r"talented|skilled|a (?:demon|whizz|wizard|whiz|natural|dab hand) (?:at|with)|"
    r"(?:makes?|bakes?|cooks?|knits?|sews?|grows?|fixe?s?|builds?|paints?) (?:the|a) (?:best|finest|mean|lovely)|"
    r"(?:can|could) (?:fix|mend|make|cook|bake|knit|sew|draw|paint|sing|build|strip|turn (?:my|her|his) hand)|"
    r"(?:i'?m|i am|she'?s|he'?s|she is|he is|they'?re)\s+(?:very |really |so |quite )?"
    r"(?:good|brilliant|great|clever|determined|patient|organised|organized|stubborn|practical|funny|kind|"
    r"creative|resilient|independent|strong))\b", re.I)
PLACE_OR_GROUP = re.compile(
    r"\b(church|chapel|mosque|masjid|gurdwara|temple|mandir|synagogue|club|group|society|library|pub|centre|"
    r"center|caf[eé]|legion|gym|co-?op|team|allotment|park|choir|bingo|market|hall|fc|u3a|wi|shed)\b", re.I)
_WANTS = re.compile(
    r"\b(i'?d like|i would like|(?:she|he|they)'?d like|(?:she|he|they) would like|i want|(?:she|he) wants?|"
    r"they want|to be able|be able to|i wish|(?:she|he) wishes|i hope|hoping|want to|wants to|"
    r"a bit better|feeling better|getting better|(?:out|about|often) more|more often|"
    r"less (?:tired|lonely|stressed|worried)|back to|back in|(?:sleep|sleeping|walk|walking|feel|eat|eating|cope|"
    r"coping|manage|managing|move|moving)\w* better)\b", re.I)


def wishes(text: str) -> bool:
    """Whether the words say what the person would like ("and id like to get the old Capri going")."""
    return bool(_WANTS.search(text))


_RISKY = re.compile(
    r"\b(worr\w*|scared|nervous|afraid|frightened|(?:thinks?|reckons?|says?) (?:i'?ll|i will|she'?ll|he'?ll|i might|"
    r"i shouldn'?t|she shouldn'?t|he shouldn'?t)|won'?t let (?:me|her|him)|not allowed)\b", re.I)
# Someone else's worry about the person doing something: "they worry my foot cannot
# feel the pedal", "Yusuf worry. airport announcement voice", "my son thinks I'll fall".
OTHERS_WORRY = re.compile(
    r"\b(?:they|he|she|(?-i:[A-Z][a-z]+)|my \w+|our \w+|his \w+|her \w+|people|everyone|the family|family|"
    r"the doctor|doctors?|the kids)\s+(?:is |are |gets? |get |always |still |would |will |might )?"
    r"(?:worr\w*|scared|nervous|afraid|frightened|(?:thinks?|reckons?|says?) (?:i'?ll|i will|she'?ll|he'?ll|i might|"
    r"i shouldn'?t|she shouldn'?t|he shouldn'?t|it'?s too)|won'?t let)\b|"
    r"\b(?:i|me) (?:worry|worried|am worried|'m worried|get worried) (?:he|she|about (?:him|her|them)|that (?:he|she))\b",
    re.I)  # a helper's worry about the person
_ALONE = re.compile(r"\b(on (?:my|mi|me|her|his|their) own|by (?:my|mi|her|him|them)sel(?:f|ves))\b", re.I)


def person_first(text: str) -> bool:
    """The message starts by naming a person: "my brother Paul, her sister Joan..."."""
    relations = "|".join(re.escape(r) for r in sorted(_RELATIONS, key=len, reverse=True))
    return re.match(r"^\W*(?:(?:my|our|his|her|their)\s+(?:" + relations + r")s?\b|"
                    r"(?-i:[A-Z][a-z]+)\s*(?:\(|,|/|-|&|\band\b|$))", text, re.I) is not None


def answers_next(section: str, text: str) -> bool:
    """Whether the words clearly answer the question of the list section after `section`
    (and so are not more of `section`)."""
    names = sections.LIST_NAMES
    ahead = names[names.index(section) + 1] if names.index(section) + 1 < len(names) else None
    if ahead == "working_well":
        return bool(_WORKING_CUE.search(text)) and polarity(text) >= 0
    if ahead == "not_working":
        return polarity(text) < 0
    if ahead == "strengths_personal":
        return bool(_GOOD_AT.search(text)) and polarity(text) >= 0
    if ahead == "strengths_family":
        return person_first(text) and not _GOOD_AT.search(text)
    if ahead == "strengths_community":
        return bool(PLACE_OR_GROUP.search(text)) and not person_first(text)
    if ahead == "outcomes":
        return bool(_WANTS.search(text))
    if ahead == "positive_risks":  # "swimming again, on my own"; "Ellie thinks I'll overdo it"
        return bool(_RISKY.search(text)) or (bool(_ALONE.search(text)) and not _WANTS.search(text))
    return False


def yes_no(text: str, intent: Optional[str]) -> Optional[bool]:
    """True for yes, False for no, None when the message is neither."""
    if re.match(r"^\W*(?:yes|yeah|yep|yup|aye)\b(?!\W*(?:and|or) no\b)", text, re.I):
        return True  # "yes when she's not on that phone", whatever the NLU made of the rest
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    if NO.match(text):
        return False
    if YES.match(text):
        return True
    return None


def parse_scale(text: str) -> Optional[int]:
    """A 0-10 number in the text ("about a 4", "7/10", "six"), or None."""
    match = re.search(r"\b(10|[0-9])\b", text)
    if match:
        return int(match.group(1))
    for word, value in _NUMBER_WORDS.items():
        if re.search(rf"\b{word}\b", text, re.I):
            return value
    return None


def parse_item_number(text: str) -> Optional[int]:
    """The item a person points at ("remove 2", "the second one", "the last one")."""
    match = re.search(r"\b(\d{1,3})\b", text)
    if match:
        return int(match.group(1))
    lowered = text.lower()
    for word, value in {**_ORDINALS, **_NUMBER_WORDS}.items():
        if re.search(rf"\b{word}\b", lowered):
            return value
    return None


def preferred_name(text: str) -> str:
    """The name in "Bob", "call me Bob", "my name is Bob", "Glenys please, Mrs
    Pritchard makes me feel old" (a name first, then why)."""
    text = re.sub(r"^\s*(fine|ok|okay|well|alright|all right|right|oh|er|erm|um|sure)\b[.,!]*\s+", "", text, flags=re.I)
    words = text.strip().strip(".!").split()
    if len(words) <= 3:
        match = re.search(r"\b(?:calls? me|my name is|my name'?s|name'?s|i'?m|i am|it'?s)\s+(.+)$", text, re.I)
        return (match.group(1) if match else text).strip().strip(".!")[:100]
    first = re.match(r"^\s*((?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?[A-Z][\w'\u2019-]*)\s*(?:[,.;:!-]|\b(?:is fine|please|will do|thanks|"
                     r"thank you|is good|is ok|is okay|mainly|mostly|nobody|no one|not|never|but|cos|because)\b)", text)
    if first and first.group(1) not in _NOT_A_NAME_WORD:
        return first.group(1)
    for lead in (r"calls? me", r"my name is|my name'?s|name'?s|i'?m|i am|it'?s"):
        match = re.search(r"\b(?:" + lead + r")\s+((?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?"
                          r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?)", text)
        if match:
            return match.group(1)
    return person_name(text)


_NAME = re.compile(r"^\s*(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?[A-Z][A-Za-z\u00c0-\u00ff'\u2019-]+(?:\s+[A-Z][A-Za-z\u00c0-\u00ff'\u2019-]+){0,2}\s*[.!]?\s*$")
_NOT_NAMES = {"hello", "hi", "hiya", "help", "skip", "pass", "stop", "why", "yes", "no", "nope", "thanks", "ok", "okay",
              "sure", "pardon", "what", "sorry", "bye", "cheers", "delete", "back", "next", "continue", "later",
              "pause", "resume", "quit", "exit", "cancel", "start", "restart", "menu", "human", "person", "agent",
              "remove", "change", "undo", "done", "finished", "nothing", "none", "dunno"}


def looks_like_a_name(text: str) -> bool:
    """One to three capitalised words, maybe with a title: "Ada", "Mrs Khan"."""
    return bool(_NAME.match(text)) and not any(word.lower().strip(".!") in _NOT_NAMES for word in text.split())


_HELPER_RELATIONS = _RELATIONS + (
    "support worker", "care worker", "key worker", "social worker", "advocate", "next door neighbour", "husband",
    "mate", "pal", "lodger", "grandad", "grandma", "nan", "nana", "nani", "granny", "grandmother", "grandfather",
    "mum-in-law", "father-in-law", "mother-in-law", "brother-in-law", "sister-in-law", "stepdad", "stepmum", "godson",
    "goddaughter", "spouse", "fiance", "fiancee", "vicar", "priest", "parish priest", "minister", "pastor", "imam",
    "chaplain", "rabbi", "befriender", "volunteer",
)
_RELATION_PHRASE = re.compile(
    r"\b(?:(?:her|his|their|the|my|our|a|an)\s+)?(?:(?:paid|unpaid|main|live-in|family|best|old|close|youngest|"
    r"eldest|oldest|younger|older|little|big|baby|twin)\s+)?(?:" + "|".join(re.escape(r) for r in sorted(_HELPER_RELATIONS, key=len, reverse=True))
    + r")s?\b", re.I)
_CAPITALISED = re.compile(r"\b([A-Z][a-z\u00c0-\u00ff'\u2019-]+(?:\s+[A-Z][a-z\u00c0-\u00ff'\u2019-]+){0,2})")
_NOT_A_NAME_WORD = {"I", "I'm", "Im", "My", "Our", "Her", "His", "Their", "The", "She", "He", "They", "It", "It's",
                    "Yes", "No", "Hi", "Hello", "Mum", "Dad", "Nan", "Nani", "Gran", "Grandad", "This", "Just", "Ok",
                    "Okay", "Sorry", "Well", "And", "But", "So", "Name", "Mr", "Mrs", "Ms", "Miss", "Dr", "Mi"}


def who_of(text: str) -> Optional[str]:
    """Who a family or friends strength is about, as typed: "my daughter Sarah", "his
    sister Jean", "our Kelly", "Pat", "me" (a helper naming themselves). Typed in
    CAPITALS, read as if in ordinary case and given back as typed."""
    ordinary = in_ordinary_case(text)
    if ordinary is None:
        return _who_of(text)
    found = _who_of(ordinary)
    return text[ordinary.find(found):ordinary.find(found) + len(found)] if found and found in ordinary else found


def _who_of(text: str) -> Optional[str]:
    relations = "|".join(re.escape(r) for r in sorted(_HELPER_RELATIONS, key=len, reverse=True))
    match = re.search(r"\b(?:my|our|his|her|their|the)\s+(?:(?:" + relations + r")s?\b(?-i:(?:\s+[A-Z][a-z]+)*)|"
                      r"(?-i:[A-Z][a-z]+))", text, re.I)
    if match:
        return match.group(0).strip()
    if re.match(r"^\s*(me|myself)\b", text, re.I):
        return "me"
    for found in _CAPITALISED.finditer(text):
        words = [w for w in found.group(1).split() if w not in _NOT_A_NAME_WORD]
        if words:
            return " ".join(words)
    match = re.search(r"\b(?:" + relations + r")s?\b(?-i:(?:\s+[A-Z][a-z]+)*)", text, re.I)
    return match.group(0).strip() if match else None


_TITLE = re.compile(r"^(?:the\s+)?(?:mr|mrs|ms|miss|mx|dr|prof|professor|rev|revd|reverend|father|sister|pastor|"
                    r"imam|rabbi|canon|sir|dame|lady|lord)\.?\s+(?=[A-Z])", re.I)
_TITLED = re.compile(r"^((?:the\s+)?(?:mr|mrs|ms|dr|rev|revd|prof))\.(?=\s)", re.I)  # "Mrs. Khan": not a full stop


def leading_name(text: str) -> Optional[str]:
    """A name said first, on its own: "Ramesh Shah; he's 79, everyone calls him
    Ramesh-bhai", "Priya Shah, I'm his daughter"."""
    first = re.split(r"\s*(?:[,;.!?(:]|\s[-\u2013\u2014]\s)\s*", _TITLED.sub(r"\1_", text.strip()), maxsplit=1)[0]
    first = first.replace("_", ".")
    title = _TITLE.match(first)  # "Mrs Agnes Thwaite", "The Reverend Peter Hallam": the title kept
    words = first[title.end():].split() if title else first.split()
    if 1 <= len(words) <= 3 and all(re.fullmatch(r"[A-Z][a-z\u00c0-\u00ff'\u2019-]+", w) for w in words) \
            and not any(w in _NOT_A_NAME_WORD for w in words):
        return first
    return None


def person_name(text: str) -> str:
    """The person's name in "her name is Rose", "it's for my mum, Rose Smith", "Rose",
    or the words as typed when no name stands out."""
    leading = leading_name(text)
    if leading:
        return leading
    match = re.search(r"\b(?:name is|name'?s|called|known as|goes by|calls? (?:her|him|them|me))\s+(.+)$", text, re.I)
    if match:
        return match.group(1).strip().strip(".!")[:100]
    for found in _CAPITALISED.finditer(text):
        words = [w for w in found.group(1).split() if w not in _NOT_A_NAME_WORD]
        if words:
            return " ".join(words)[:100]
    first = re.split(r"\s*[,;.!?(:]\s*", text.strip(), maxsplit=1)[0].split()  # "gary walsh. gaz"
    if 1 <= len(first) <= 3 and all(re.fullmatch(r"[a-z\u00c0-\u00ff'\u2019-]{2,}", w) for w in first) \
            and not {w.lower() for w in first} & _NOT_LOWER_NAMES:
        return " ".join(first)
    return text.strip().strip(".!")[:100]


_NOT_LOWER_NAMES = {"my", "her", "his", "their", "our", "the", "a", "an", "yes", "no", "it", "is", "she", "he", "they",
                    "mum", "dad", "nan", "gran", "me", "i", "im", "its", "for", "hello", "hi", "ok", "okay", "not", "sure"}


def helper_and_relationship(text: str) -> tuple[str, Optional[str]]:
    """(The helper's name, how they know the person) from "I'm Tom, her son", "Karen -
    daughter", "her support worker Jo". Without a name, the words as typed are kept as
    the name, so nothing typed is lost."""
    relation = _RELATION_PHRASE.search(text)
    rest = text if relation is None else text[:relation.start()] + " " + text[relation.end():]
    name = leading_name(text)
    match = None if name else re.search(r"\b(?:i'?m|i am|my name is|my name'?s|name'?s|it'?s|this is)\s+([A-Za-z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?)",
                      rest, re.I)
    possessive = match is not None and re.search(r"['\u2019]s$", match.group(1).split()[0])  # "I am Joan's sister"
    if name:
        pass
    elif match and not possessive and match.group(1).lower() not in {"her", "his", "their", "the", "a", "an", "doing",
                                                                     "filling"}:
        name = match.group(1)
    else:
        for found in _CAPITALISED.finditer(rest):
            words = [w for w in found.group(1).split() if w not in _NOT_A_NAME_WORD]
            if words:
                name = " ".join(words)
                break
    relationship = None
    if relation is not None:  # from the relation word on: "his wife of 52 years"
        relationship = re.split(r"[;.!?]", text[relation.start():])[0].strip(" ,.-")  # not what they say after
        if name and relationship.endswith(name):
            relationship = relationship[:-len(name)].strip(" ,.-")
    if name is None:
        return text.strip()[:200], relationship
    fuller = re.search(rf"\b{re.escape(name)}\s+[A-Z][\w'\u2019-]+", text)  # "I'm Fiona, Fiona Kerr"
    if fuller and " " not in name.strip():
        name = fuller.group(0)
    return name.strip(" ,.-")[:100], relationship


def section_in(text: str) -> Optional[str]:
    """The record section a person names ("change what matters" -> what_matters)."""
    for section in sections.ALL:
        if any(re.search(rf"\b{re.escape(word)}\b", text, re.I) for word in section.words):
            return section.name
    return None


_REFERENCE = re.compile(r"\b([A-HJ-NP-Z2-9]{4})-?([A-HJ-NP-Z2-9]{4})\b", re.I)
_CODE = re.compile(r"\b(\d{6})\b")


def parse_resume(text: str) -> tuple[Optional[str], Optional[str]]:
    """The reference ("ABCD-EFGH", any case, hyphen optional) and code in a message."""
    reference, code = _REFERENCE.search(text), _CODE.search(text)
    return (
        f"{reference.group(1)}-{reference.group(2)}".upper() if reference else None,
        code.group(1) if code else None,
    )
