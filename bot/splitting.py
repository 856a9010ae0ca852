"""Split one message into the several items a person gave in it.

Each item is a verbatim piece of the message: we only cut, never reword. We cut on
line breaks, semicolons and list bullets, and on commas only when the message is a
list of three or more short phrases ("gardening, my dog and my grandson"), because a
comma inside a sentence ("when it rains, I stay in") or an aside ("Sarah, my
daughter") does not separate two answers.
"""
from __future__ import annotations

import re

_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+")
_MAX_LIST_WORDS = 6
# A part that starts like a clause ("when it rains", "but I") belongs to a sentence.
_CLAUSE = re.compile(
    r"^(when|if|because|as|while|since|although|though|but|so|after|before|until|unless|once|then|or)\b", re.I)


# Cuts that always separate items: line breaks, semicolons, a spaced slash or dash
# ("the chemist / neighbour Sheila"), and inline numbering ("1) the garden 2) my dog").
_LINES = re.compile(r"[\r\n]+|;")
_CUTS = re.compile(r"\s+/\s+|\s+[-\u2013\u2014]\s+|\s+(?=\(?\d{1,2}[.)]\s+\S)")
# A part that starts with a subject ("we have coffee", "she's 71") is a clause of
# the sentence before it, not an item of its own.
_SUBJECT = re.compile(r"^(i|i'?m|i'?ve|i'?d|i'?ll|we|we'?re|we'?d|he|he'?s|he'?d|she|she'?s|she'?d|they|they'?re|"
                      r"they'?d|it|it'?s|its|you|who|which|that|that'?s|thats|there|there'?s|there'?d|this|these)\b", re.I)
# A new sentence that adds an item: "... with the choir. And to have the paperwork sorted".
_ADDS = re.compile(r"(?<=[.!?])\s+(?=(?:and|also|plus|second(?:ly)?|third(?:ly)?|finally|lastly)\b)", re.I)
_AS_SAID = re.compile(r"^(?:as|like) i (?:said|say|mentioned)\b", re.I)
# Texting: "gym n discord", "mum & dad", "cooking + cleaning".
_AND = r"(?:and|n|&|\+)"


# "1) her cleaner, Donna, who comes on Tuesdays; 2) the pharmacy...": the person
# numbered their items, so each number is one item, commas and all.
_NUMBERED = re.compile(r"(?:^|\s)\(?\d{1,2}[.)]\s+\S")


def split_answer(how: str, text: str) -> list[str]:
    """The items of one answer, cut the way its section says (bot/sections.py `split`)."""
    if how == "people":  # each person their own strength, with their own `who`
        return [person for line in re.split(r"[\r\n]+", text) if line.strip() for person in split_people(line)]
    if how == "lines":
        if len(_NUMBERED.findall(text)) >= 2:
            return _numbered_items(text)
        lines = re.split(r"[\r\n]+|;\s*(?=(?:and|also|plus)\s)", text)  # "...; and going back to parkrun"
        lines = [part for line in lines for part in _activities(line)]
        return [_BULLET.sub("", line).strip() for line in lines if _BULLET.sub("", line).strip()]
    return split_items(text, wishes=how == "wishes")


# "do her front garden herself, on her knees with the trowel, and get the bus to
# Basildon market on her own": a comma, "and", and a new thing to do.
_AND_NEW_ACTIVITY = re.compile(r"(?:,|(?<=[.!?]))\s+and\s+(?:to\s+)?(?=(?:get|go|do|drive|walk|take|travel|visit|use|"
                               r"try|fly|swim|climb|ride|cycle)\b)", re.I)


def _activities(line: str) -> list[str]:
    parts = _AND_NEW_ACTIVITY.split(line, maxsplit=1)
    if len(parts) == 2 and all(len(part.split()) >= 4 for part in parts):
        return [parts[0], *_activities(parts[1])]
    return [line]


def split_items(text: str, wishes: bool = False) -> list[str]:
    """The items in `text`, in order; an empty list for blank text. `wishes`: the
    answer says what would be different, where "and" before a new verb ("cook my own
    tea and have more money") starts another wish."""
    if len(_NUMBERED.findall(text)) >= 2:
        return _numbered_items(text)
    lines = [_BULLET.sub("", line).strip() for line in re.split(r"[\r\n]+", text) if _BULLET.sub("", line).strip()]
    if len(lines) >= 2 and sum(bool(_BULLET.match(line)) for line in re.split(r"[\r\n]+", text)) >= 2:
        return lines  # "- less tired, get through a full day\n- 1 evening/wk": each bullet one item, commas and all
    pieces: list[str] = []
    for line in _LINES.split(text):
        line = _BULLET.sub("", line).strip()
        if pieces and _AS_SAID.match(line):  # "...; as I said, the sleep is the big one": about the items before
            pieces[-1] += "; " + line
            continue
        for number, part in enumerate(_CUTS.split(line) if line else []):
            part = _BULLET.sub("", part).strip()
            if not part:
                continue
            if number and (_SUBJECT.match(part) or _ASIDE.match(part)) and not _SUBJECT.match(pieces[-1]):
                pieces[-1] += " - " + part  # "his dog Bess - thats the big one for him": said about it
                continue
            for sentence in _ADDS.split(part):
                for wish in _split_wishes(sentence.strip(), wishes):
                    pieces.extend(_split_short_list(re.sub(rf"^{_AND}\s+", "", wish, flags=re.I)))
    if len(pieces) > 1 and _FILLER.match(pieces[0]):  # "ok - keeping my job / Mum being ok": the "ok" leads in
        pieces[:2] = [f"{pieces[0]} - {pieces[1]}"]
    return pieces


_FILLER = re.compile(r"^\W*(?:ok|okay|right|well|so|um+|erm+|hmm+|yes|yeah|aye|oh|and|first|firstly)\W*$", re.I)


def _numbered_items(text: str) -> list[str]:
    """Each numbered part whole; what comes before "1)" leads into the first item."""
    starts = [match.start() for match in _NUMBERED.finditer(text)] + [len(text)]
    lead = text[:starts[0]].strip()
    items = [_BULLET.sub("", text[a:b].strip()).strip(" ;,") for a, b in zip(starts, starts[1:])]
    items = [item for item in items if item]
    return ([f"{lead} {items[0]}"] + items[1:]) if lead and items else items


# "I'd like to be back in the choir, ..., and I'd like to be driving again": each wish
# its own item, when a long answer says "I'd like" (or "I want") more than once.
_WISH = r"(?:i'?d|i would|(?:she|he|they)'?d|(?:she|he|they) would) (?:also |really |love to |like to )?(?:like|love)\b|i (?:also )?want\b"
_NEXT_WISH = re.compile(rf",?\s+(?:and|also|plus)\s+(?={_WISH})", re.I)


# In an answer about what would be different: "have a job n cook my own tea", "...
# without being puffed out and to be able to read my paper again", "walking with a
# stick, and he would be able to get back to Carrow Road".
_AND_NEW_WISH = re.compile(
    r",?\s+(?:and|n|&)\s+(?=(?:then\s+)?(?:to\b(?! be honest)|be able|have|having|cook|get|go|see|walk|hear|drive|visit|"
    r"learn|start|join|meet|travel|sleep|feel|read|write|work|play|sing|dance|swim|shop|stay|live|manage|"
    r"be\b|a\b|an\b|more\b|not\b|"
    r"(?:i|he|she|they|we)(?:\s+(?:would|could|will|can)|'d)\b))", re.I)


# "talking a bit better and getting out of the house more": a wish that starts with an
# "-ing" word, and another "-ing" after "and" ("his own washing and dressing" is one).
_GERUND = r"(?!thing\b|nothing\b|something\b|anything\b|everything\b|evening\b|morning\b)\w{2,}ing\b"
_AND_GERUND = re.compile(rf",?\s+(?:and|n|&)\s+(?={_GERUND})", re.I)


# Two things wished for, each with its own determiner: "a proper night's sleep and the car back on the road".
_DETERMINER = r"(?:a|an|the|my|me|his|her|their|our|some|more)\s"  # "me nee beter": "me" for "my"
_AND_NEW_THING = re.compile(rf",?\s+and\s+(?={_DETERMINER})", re.I)


_WOULD = re.compile(r"(?:i'?d|i would|(?:she|he|they|we|there|it)'?d|(?:she|he|they|we|there|it) would)\s", re.I)
_NEXT_WOULD = re.compile(r",\s+(?:and\s+)?(?=(?:i'?d|i would|(?:she|he|they|we|there|it)'?d|(?:she|he|they|we|there|it) would)\s)", re.I)


def _split_wishes(sentence: str, wishes: bool = False) -> list[str]:
    if wishes:
        short = _sentences_as_wishes(sentence)
        if len(short) > 1:
            return short  # "back at work. remembering stuff better"
        things = _AND_NEW_THING.split(sentence, maxsplit=1)
        if re.match(_DETERMINER, sentence, re.I) and len(things) == 2 and len(things[0].split()) >= 2 \
                and len(things[1].split()) >= 3:  # "a job and me nee beter" ("a cup of tea and a biscuit" is one)
            return [things[0].strip(), things[1].strip()]  # "a proper night's sleep and the car back on the road"
        # "walking Bramble up Fell Lane, and driving myself", also after "I'd be" / "she'd be"
        cut = _AND_GERUND if re.match(rf"(?:\w+ says? )?{_GERUND}", sentence, re.I) or (
            re.match(rf"{_WOULD.pattern}be {_GERUND}", sentence, re.I) and len(_AND_GERUND.split(sentence)) > 1) \
            else _AND_NEW_WISH
        parts = [part.strip() for part in cut.split(sentence)]
        if len(parts) > 1 and all(len(part.split()) >= 2 and not _REFERS_BACK.match(part) for part in parts) \
                and (cut is _AND_GERUND or len(parts[0].split()) >= 3):  # "go out and see friends" is one
            return parts
    if wishes:  # "id have a bit saved, id be doing summat on an evening": one wish a clause
        clauses = [part.strip() for part in _NEXT_WOULD.split(sentence) if part.strip()]
        if len(clauses) > 1 and all(_WOULD.match(part) and len(part.split()) >= 3 for part in clauses):
            return clauses
    if len(re.findall(_WISH, sentence, re.I)) < 2:
        return [sentence]
    return [part.strip() for part in _NEXT_WISH.split(sentence) if part.strip()]


def _sentences_as_wishes(text: str) -> list[str]:
    """"A ground floor flat, or at least a lift that works. Him actually wearing the
    hearing aid": each sentence that names a wish of its own. A sentence that goes on
    about the one before ("It would mean..."), a one-word echo ("drive again. drive.
    van") or a qualifier ("few hours") stays with it."""
    parts: list[str] = []
    for part in (part.strip() for part in re.split(r"(?<=[.!?])\s+", text) if part.strip()):
        adds = re.match(r"(?:i'?d|i would|i'?ll|can i) (?:also )?add\b|(?:also|plus)\b", part, re.I)  # "I'd add that..."
        about_before = not adds and (_SUBJECT.match(part) or _ASIDE.match(part) or _CLAUSE.match(part)
                                     or _QUALIFIER.match(part) or _REFERS_BACK.match(part) or len(part.split()) < 2)
        if parts and (about_before or re.match(r"(?:\w+ )?things\W*$", parts[-1], re.I)):  # "Two things. First, ..."
            parts[-1] += " " + part
        else:
            parts.append(part)
    return parts


def _split_short_list(line: str) -> list[str]:
    if "," not in line:
        # "gym n discord n the central library": a texted list of three or more
        parts = [part.strip() for part in re.split(r"\s+(?:n|&|\+)\s+", line)]
        # ...its parts short, one of them may say a little more ("the monday gamin nite at the library")
        if len(parts) >= 3 and all(0 < len(part.split()) <= _MAX_PAIR_WORDS for part in parts) \
                and sum(len(part.split()) > _MAX_LIST_WORDS for part in parts) <= 1:
            return parts
        return [line]
    # Commas inside brackets belong to the aside: "the football (Gillingham, 40 years)".
    parts = [part.strip() for part in re.split(r",(?![^()]*\))", line)]
    if any(_VERB_FIRST.match(part) for part in parts[1:]):
        return [line]  # "her neighbour, old Mr Pritchard, is a godsend with the bins": one sentence
    last = parts[-1]
    # "a, b and c" / "a, b, and c": the last part may join two items with "and".
    match = re.match(rf"^(?:{_AND}\s+)?(.+?)\s+{_AND}\s+(.+)$", last)
    if match and all(len(p.split()) <= _MAX_LIST_WORDS for p in (*parts[:-1], match.group(1), match.group(2))):
        parts = parts[:-1] + [match.group(1), match.group(2)]
    joined = dict(zip((re.sub(rf"^{_AND}\s+", "", part) for part in parts), parts))  # "and enjoying it" as typed
    parts = [re.sub(rf"^{_AND}\s+", "", part) for part in parts]
    if any(_CLAUSE.match(part) for part in parts):
        return [line]  # "when it rains, I stay in and read": one sentence
    short = all(0 < len(part.split()) <= _MAX_LIST_WORDS for part in parts)
    # "I'd have more energy, I'd be tutoring again, and there'd be a stairlift": parallel clauses
    parallel = all(_SUBJECT.match(part) and len(part.split()) <= _MAX_PAIR_WORDS + 2 for part in parts)
    if len(parts) >= 3 and parallel:
        return parts
    if len(parts) >= 3 and (short or all(len(part.split()) <= _MAX_PAIR_WORDS for part in parts)):
        # "Sleeping better, and singing in the choir again, I've not been since the funeral"
        merged: list[str] = []
        for part in parts:
            and_clause = re.match(rf"{_AND}\s", joined.get(part, part), re.I) and _SUBJECT.match(part)
            if merged and not and_clause and (((_SUBJECT.match(part) or _ASIDE.match(part)) and not _SUBJECT.match(merged[-1]))
                           or _QUALIFIER.match(part) or _REFERS_BACK.match(part)):
                merged[-1] += ", " + joined.get(part, part)  # merged back as typed, "and" kept
            else:
                merged.append(part)
        return merged
    # Two short parts, neither a clause of the other: "get to club on me own, loft fixed"
    if (len(parts) == 2 and all(2 <= len(part.split()) <= _MAX_PAIR_WORDS for part in parts)
            and not any(_SUBJECT.match(part) or _ASIDE.match(part) for part in parts) and not (_APPOSITION.match(parts[1]) and len(parts[1].split()) <= 3)
            and not _QUALIFIER.match(parts[1]) and not re.match(r"to\b|(?:a|an|some)\s+\S+(?:\s+\S+)?\W*$", parts[1], re.I)
            and not re.search(r"\b(?:first|second|third|finally|also)(?:ly)?$", parts[0], re.I)):  # "First, some respite"
        return parts
    return [line]


# A part that starts with the verb: the commas before it set off who or what it is about.
_VERB_FIRST = re.compile(r"^(?:is|are|was|were|has|have|had|does|did|will|would|can|could|comes|keeps|helps|"
                         r"makes|takes|brings|rings|phones|visits)\b", re.I)
# "swimming again, on my own", "working again, part time": the second part says how.
_QUALIFIER = re.compile(r"^(on (my|her|his|their) own|by (my|her|him|them)sel(f|ves)|part[- ]time|full[- ]time|"
                        r"at (the )?weekends?|if (i|she|he) can|when (i|she|he) can|now and (again|then)|"
                        r"every (day|week)|once a (week|month)|ideally|if possible|(a )?(few|couple of|\d+) (hours|days)"
                        r"( a (week|day|month))?)\W*$", re.I)


# "Sarah, my daughter": the second part says who the first is.
_APPOSITION = re.compile(r"^(my|our|his|her|their|a|an)\s+(\w+\s+)?(daughter|son|wife|husband|partner|friend|neighbour|"
                         r"sister|brother|mum|mother|dad|father|carer|niece|nephew|cousin|aunt|uncle|mate)s?\b", re.I)
# "I love walking, especially by the sea": the second part is an aside, not an item.
# "..., every week, and enjoying it": a short part ending in "it" or "them" is about what came before.
_REFERS_BACK = re.compile(r"^(?:\S+\s+){0,2}(?:it|them|that|there)\W*$", re.I)
_ASIDE = re.compile(r"^['\"\u2018\u201c]?((?:you|yuh|ya|y') ?know|especially|particularly|mainly|mostly|even|like|such as|not|though|although|apart from|except|maybe|perhaps|probably|possibly|more than|with|without|"
                    r"as well|too|really|actually|obviously|of course|bless|thank|thanks|please|sorry|ha|lol)\b", re.I)
_MAX_PAIR_WORDS = 10


# ---------------------------------------------------------------- people

# Words that start a sentence with a capital but are not names.
_NOT_NAMES = {
    "I", "I'm", "I'd", "I've", "I'll", "Im", "Id", "Ive", "My", "Our", "Her", "His", "Their", "The", "She", "He", "They",
    "It", "It's", "We", "We're", "You", "Me", "Yes", "No", "Hi", "Hello", "This", "That", "These", "Those", "Just",
    "Ok", "Okay", "Sorry", "Well", "And", "But", "So", "Also", "Oh", "Then", "Mr", "Mrs", "Ms", "Miss", "Dr", "They've",
    "She's", "He's", "There", "Not", "Both", "All", "Some", "Most", "Every", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "Sundays", "Mondays", "Christmas", "Easter", "God", "Mum", "Dad", "Mi",
}
_PERSON_WORDS = re.compile(
    r"^\W*(?:(?:well|erm+|um+|ok|okay|oh|so)\W+)?(?:me|myself)\b|\b(?:daughter|son|wife|husband|partner|friend|neighbour|neighbor|sister|brother|mum|mam|mother|dad|"
    r"father|grandson|granddaughter|grandchildren|grandkids|grandchild|niece|nephew|cousin|aunt|auntie|aunty|uncle|"
    r"carer|boyfriend|girlfriend|mate|pal|nan|nana|nani|nanna|gran|granny|grandad|grandma|grandpa|grandfather|"
    r"grandmother|in-law|stepson|stepdaughter|stepdad|stepmum|godson|goddaughter|fiance|fiancee|kids|children|"
    r"family|lodger|colleague|worker|lass|lad|next door|missus|missis|hubby|fella|other half|bairn)s?\b|\bour\s+[a-z]+", re.I)
_PEOPLE_CUTS = re.compile(r"\s*(?:[,;.!?]|\s(?:and then|and|n|&|\+|plus|also)\s|\s[-\u2013/]\s|\s(?=(?:my|our)\s))\s*", re.I)


def _people_named(fragment: str, first: bool) -> set[str]:
    """The relation words and names in a fragment ("my son Huw" -> {"son", "huw"}).
    "Me" is someone only at the start ("Me, I'd hope. Her mum Pat"), not in "her and me"."""
    words = {match.group(0).lower().rstrip("s") for match in _PERSON_WORDS.finditer(fragment)
             if first or not re.match(r"\W*(?:(?:well|erm+|um+|ok|okay|oh|so)\W+)?(me|myself)\b", match.group(0), re.I)}
    words |= {word.lower() for word in re.findall(r"\b[A-Z][a-z\u00c0-\u00ff]+\b", fragment) if word not in _NOT_NAMES}
    return words


# One lowercase word after "n", "and" or a comma in a list of people: a name typed
# without its capital ("our jordan n tyler").
_LOWER_NAME = re.compile(r"^(?:(?:and|n|&|\+)\s+)?(?!(?:all|everyone|everybody|others|co|them|him|her|me|us|that|"
                         r"this|too|lot|rest|so|etc|family|friends|yes|yeah|well|ok|okay|erm|umm|hmm|right|oh|then|"
                         r"just|only|mostly|probably|really|sorry|wait|thanks)\b)[a-z]{3,}"
                         r"(?:\s+(?:from|at|in|next door|down|up|over|who)\b.*)?$")
_ROLE_WORDS = (r"(?:daughter|son|wife|husband|partner|friend|neighbour|sister|brother|mum|mam|mother|dad|father|"
               r"grandson|granddaughter|niece|nephew|cousin|aunt|auntie|uncle|carer|boyfriend|girlfriend|mate|pal|"
               r"colleague|lodger|missus|missis|hubby|fella|other half)")
_BARE_ROLE = re.compile(rf"^(?:the\s+)?(?:(?:old|best|good|pub|work|school|church|big|little)\s+)?{_ROLE_WORDS}s?\W*$",
                        re.I)
_BARE_NAME = re.compile(r"^[A-Z][a-z\u00c0-\u017f]+\W*$")
_NAMED = re.compile(r"\b(?!(?:My|Our|His|Her|The|And|Me|I)\b)[A-Z][a-z\u00c0-\u017f]+")
# "our Shona my daughter": a bare relation straight after a name says who they are.
_BARE_RELATION = re.compile(rf"^(?:my|our|his|her|their)\s+{_ROLE_WORDS}s?$", re.I)


def _same_person(text: str, pieces: list, previous_cut, start: str) -> bool:
    """The fragment names the person before it again: "our Shona my daughter" (a bare
    relation after a name, with no comma or "and" between) or "Me, Agnieszka" / "Me!
    Fiona" (the helper saying who they are)."""
    if not pieces or previous_cut is None:
        return False
    before = text[pieces[-1][0]:pieces[-1][1]].strip()
    if not re.search(rf"\s{_AND}\s", previous_cut.group(0), re.I):
        # "Linda. wife." / "Mo. mate. pub mate": a bare relation after a name says who they are;
        # "son... Craig": the name of the relation just given
        if _BARE_ROLE.match(start) and _NAMED.search(before):
            return True
        names = set(_NAMED.findall(start))
        if names and names <= set(_NAMED.findall(before)):  # "Pete. Pete mate"
            return True
        if "," not in previous_cut.group(0) and _BARE_NAME.match(start) \
                and _BARE_ROLE.match(re.sub(r"^\W*(?:and|n|&)\s+|^\W*(?:my|our|his|her)\s+", "", before)):
            return True
    if previous_cut.group(0).strip() in ("", ",") and _BARE_RELATION.match(start) \
            and not _PERSON_WORDS.search(re.sub(r"^\W*our\s+", "", before, flags=re.I)) \
            and (not previous_cut.group(0).strip() or _NAMED.search(before)):  # "our Shona my daughter", "Sarah, my daughter"
        return True
    return len(pieces) == 1 and bool(re.fullmatch(r"\W*(?:me|myself)\W*", before, re.I)) \
        and bool(re.match(r"[A-Z][a-z\u00c0-\u017f]+\b", start)) and not _PERSON_WORDS.search(start)


# Words that stay lowercase when a message typed in capitals is read as ordinary text.
_SMALL_WORDS = {"the", "and", "of", "in", "on", "at", "to", "a", "an", "my", "our", "his", "her", "their", "me", "mi",
                "from", "next", "door", "with", "who", "is", "she", "he", "they", "we", "i", "for", "by", "up", "down",
                "over", "or", "but", "so", "not", "no", "sorry", "wait", "meant", "mean", "also", "plus", "n",
                "minister", "vicar", "priest", "pastor", "imam", "rabbi"}


def in_ordinary_case(text: str):
    """"ME JACK, HER DAUGHTER TAMSIN" -> "me Jack, her Daughter Tamsin" (same length, so
    what is found in it can be cut from what was typed), or None when not in capitals."""
    letters = re.sub(r"[^A-Za-z]", "", text)
    if len(letters) <= 3 or not letters.isupper():
        return None
    return re.sub(r"[A-Za-z']+", lambda m: m.group(0).lower() if m.group(0).lower() in _SMALL_WORDS
                  else m.group(0).capitalize(), text)


def split_people(text: str) -> list[str]:
    """The people in one answer about family and friends, one piece each, in the
    person's words (ALL CAPITALS too: cut as if typed in ordinary case, kept as typed)."""
    ordinary = in_ordinary_case(text)
    if ordinary is not None:
        pieces = []
        for piece in _split_people(ordinary):
            found = re.search(re.escape(piece), text, re.I)
            pieces.append(found.group(0) if found else piece)
        return pieces
    return _split_people(text)


def _split_people(text: str) -> list[str]:
    """"my grandchildren Lily and Sam, my son David and my neighbour Jean" -> "my
    grandchildren Lily", "Sam", "my son David", "my neighbour Jean". What is said
    about someone stays with them ("my son Huw, he's been wonderful")."""
    pieces: list[list] = []  # [start, end, names someone] spans of the text
    named: set[str] = set()
    position = 0
    asides = [match.span() for match in re.finditer(r"\([^()]*\)", text)]  # "Martin (his son, my husband)"
    cuts = [cut for cut in _PEOPLE_CUTS.finditer(text)
            if not any(start < cut.start() < end for start, end in asides)]
    previous_cut = None
    for cut in cuts + [None]:
        end = cut.start() if cut else len(text)
        fragment = text[position:end]
        if re.fullmatch(r"\W*(?:and|n|&|\+|plus|also)\W*", fragment, re.I) and cut is not None:
            continue  # ", and my daughter": the "and" goes with who comes next
        if fragment.strip():
            start = fragment.strip()
            names = _people_named(fragment, first=not pieces)
            if not names and (previous_cut is not None or cut is not None) and _LOWER_NAME.match(start):
                names = {start.split()[0].lower()}  # "leanne, my lads tyler n josh": a texted name
            if not names and pieces and pieces[-1][2] and re.fullmatch(r"\W*(?:me|myself)\W*", start, re.I):
                names = {"me"}  # "our kid sharon, me, leanne": the helper among the others
            person = bool(names) and not (_SUBJECT.match(start) or _CLAUSE.match(start) or _ASIDE.match(start)
                                          or names <= named or _same_person(text, pieces, previous_cut, start))
            named |= names
            if not pieces or (person and pieces[-1][2]):
                pieces.append([position, end, person])
            else:  # about the person before, or the person this piece was waiting for
                pieces[-1][1], pieces[-1][2] = end, pieces[-1][2] or person
        position = cut.end() if cut else len(text)
        previous_cut = cut
    items = [re.sub(r"^(?:and|n|&|plus|also)\s+", "", text[start:end].strip(" ,;-"), flags=re.I)
             for start, end, _person in pieces]
    kept = [person for item in _retracted([item for item in items if item]) for person in _unless_taken_back(item)]
    # "..., mi mean Clive. Dave move a Croydon long time": said about the one taken back, kept with who they meant
    taken = set(_TAKEN_NAME.findall(text))
    for index in range(len(kept) - 1, 0, -1):
        if re.match(r"([A-Z][a-z\u00c0-\u017f]+)\b", kept[index]) and kept[index].split()[0].split("'")[0] in taken:
            kept[index - 1] += ", " + kept.pop(index)
    return kept or [text.strip()]


_TAKEN_NAME = re.compile(r"(?i:not)\s+([A-Z][a-z\u00c0-\u017f]+)\b\W*(?i:(?:i|mi)\s+mean|it'?s)")


# "our Kevin and ... Bridie next door. Sorry no, not Kevin, I meant Dermot": a person
# named earlier in the list, taken back further on.
_RETRACTS = re.compile(r"[\s,.;!?-]*(?:(?i:sorry|no|wait|oops|actually|hang on)\W+)*(?i:not)\s+"
                       r"(?P<old>[A-Z][a-z\u00c0-\u017f]+)\b\W*(?i:(?:i|mi)\s+mean[t]?|it'?s)\s+(?P<new>\S.*)$", re.S)


def _retracted(items: list[str]) -> list[str]:
    """Who they meant takes the place of the person taken back; what is said after about
    the one taken back ("Kevin's the one in Australia") stays with it, never dropped."""
    items = list(items)
    for index, item in enumerate(items):
        match = _RETRACTS.search(item)
        if not match or match.start() == 0:
            continue
        old = match.group("old")
        earlier = next((k for k in range(index) if re.search(rf"\b{old}\b", items[k])), None)
        if earlier is None:
            continue
        items[index] = item[:match.start()].strip(" ,;.-")
        items[earlier] = match.group("new").strip(" ,;.-")
        for later in range(index + 1, len(items)):
            if re.match(rf"{old}\b", items[later]):  # "Kevin's the one in Australia"
                items[earlier] += ", " + items[later]
                items[later] = ""
    return [item for item in items if item]


# "Dave from the walking group, no sorry not Dave, I meant Pete": the person taken back
# in the same breath is not one of them; who they meant instead is.
_TAKEN_BACK = re.compile(r"^(?P<name>[A-Z][a-z\u00c0-\u017f]+)\b.*?\bnot\s+(?P=name)\b\W*"
                         r"(?P<instead>.*)$", re.S)
# Typed without capitals, the taking back says so: "dave from club - no not dave, pete".
_TAKEN_BACK_TYPED = re.compile(r"^(?P<name>[a-z]{3,})\b.*?\b(?:no|sorry|oops|wait)\W+not\s+(?P=name)\b\W*"
                               r"(?P<instead>.*)$", re.S)
_I_MEANT = re.compile(r"^(?:(?:i|mi)\s+mean[t]?|it'?s)\s+(?=\w)", re.I)


def _unless_taken_back(item: str) -> list[str]:
    match = _TAKEN_BACK.match(re.sub(r"^(?:my|our|his|her|mi)\s+\w+\s+(?=[A-Z])", "", item)) \
        or _TAKEN_BACK_TYPED.match(item)
    instead = match.group("instead").strip(" ,;.-") if match else item
    if match:  # "my son Jack - sorry, not Jack (bless him), I meant" + "my friend Tina": who they meant comes next
        instead = re.sub(r"^\(?[^()]*\)\W*", "", instead)  # the aside about the one taken back goes with them
        if re.fullmatch(r"(?:(?:i|mi)\s+mean[t]?|it'?s)?\W*", instead, re.I):
            return []
    instead = _I_MEANT.sub("", instead) if match or _I_MEANT.match(instead) and _NAMED.search(instead) else instead
    return [instead] if instead else []
