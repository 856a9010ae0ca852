"""Layer 1: the keyword and phrase backstop (product guide, section 5).

Plain regular expressions over the lower-cased message, so it needs no model and
cannot be fooled by a classifier's confidence. It is deliberately broad: a false
alarm costs one tap (the person keeps their words as an answer), a miss could cost a
life. Idioms that share words with a disclosure ("my knees are killing me", "I could
murder a brew", "dying for a cuppa") are left alone by matching whole phrases, not
single words.

The kinds are those of `bot.safety.kinds.KINDS`. Third person is matched as well as
first ("she hits her", "mum wants to die"), because relatives and call handlers
write about someone else.
"""
from __future__ import annotations

import re

# Who a sentence can be about: the person, someone they write for, or a relative.
_WHO = r"(?:me|her|him|them|mum|mam|mom|dad|nan|nanna|gran|grandad|my (?:wife|husband|partner|mum|dad|mother|father))"
_SELF = r"(?:my ?self|him ?self|her ?self|them ?sel(?:f|ves)|meself|myslef|mysef|mysel)\b"
_CANT = r"(?:can'?t|cannot|can not|couldn'?t|could not|unable to|not able to|cant)"
_PILLS = (r"(?:tablets|tablits|tabs|pills|pils|meds|medication|medicine|painkillers|paracetamol|sleeping tablets|insulin|"
          r"morphine|patches|co-?codamol|codeine|tramadol|diazepam|zopiclone|amitriptyline|sertraline|"
          r"quetiapine|oxycodone|dosette|blister packs?)")
_MONEY = (r"(?:money|pension|benefits?|savings|bank ?cards?|cards?|purse|wallet|cash|account|pin|wages|pip|uc|"
          r"universal credit|attendance allowance|carers? allowance|pension credit|esa|dla|post office card)")
_RELATIVE = (r"(?:son|daughter|husband|wife|partner|boyfriend|girlfriend|carer|carers|brother|sister|grandson|"
             r"granddaughter|nephew|niece|neighbour|lodger|dtr|sn|hus|dau)")
# Words about a service or a talk, not about what happened to someone ("a domestic abuse
# helpline", "a talk on financial abuse").
_NOT_A_SERVICE = (r"(?! (?:helpline|charity|service|services|team|awareness|training|course|talk|support|worker|"
                  r"group|shop|prevention|officer|leaflet|campaign|of older people))")
_CHILD = r"(?:kids?|children|child|baby|babies|toddler|grandchild(?:ren)?|grandkids?|grandson|granddaughter|little one)"

_PATTERNS = {
    "suicide": [
        rf"\b(?:kill|killing|killed|kills|hang|hanging|hanged|drown|drowning|top|topping|end|ending|gas|gassing|poison|poisoning|shoot|shooting) ?{_SELF}(?! laughing| with laughter| laughin| with all)",
        rf"\bdo(?:ing)? (?:away with )?{_SELF} in\b|\bdo away with {_SELF}",
        r"\bsuicid",
        r"\bend(?:ing|ed)? (?:it all|my (?:own )?life|his (?:own )?life|her (?:own )?life|things|everything|it now)\b",
        r"\b(?:take|taking|took) (?:my|his|her|their) (?:own )?life\b",
        r"\b(?:don'?t|do not|dont|doesn'?t|does not|didn'?t) (?:really )?(?:want|wanna|wish) (?:to )?(?:be here|be alive|live|wake up|go on|carry on|exist|be around|see (?:another|tomorrow|christmas|next))",
        r"\b(?:want|wants|wanted|wanting|wish|wishes|wished|ready) (?:to )?(?:die|be dead|not wake up|not be here|go to sleep and (?:not|never) wake)",
        r"\bwish(?:es|ed)? (?:i|he|she) (?:was|were|had|could) (?:dead|die|gone|never been born|not woken|go to sleep)",
        r"\bbetter off (?:dead|without (?:me|him|her|us)|if (?:i|he|she) (?:was|were|wasn'?t) (?:gone|dead|here|around)|when (?:i'?m|he'?s|she'?s) gone)",
        r"\b(?:no|not any|isn'?t any|is no) (?:point|reason) (?:in |to )?(?:living|live|going on|carrying on|being here|being alive|me being|getting up|waking up|any ?more|to it)",
        r"\bwhat'?s the point (?:of|in) (?:living|going on|carrying on|me|it all|being here|anything|life)",
        r"\blife (?:is|isn'?t|is not|'s|s)? ?(?:not )?worth (?:living|it any ?more)",
        r"\bovers?dos\w*\b(?! on (?:mince|chocolate|cake|sweets|biscuits|sugar|carbs|cheese|christmas|telly|tv|netflix|coffee|caffeine|sun|sunshine|pies|pudding|crisps|food|turkey|box ?sets))|\bo/d\b|\bod'd\b|\boverdose\b(?! on (?:mince|chocolate|cake|sweets|biscuits|sugar|carbs|cheese|christmas|telly|tv|netflix|coffee|caffeine|sun|sunshine|pies|pudding|crisps|food|turkey|box ?sets))",
        rf"\b(?:taken|took|swallowed|had) (?:all|a lot|lots|loads|a load|a handful|the whole|a whole|a bunch|a pile|two boxes|boxes) (?:of )?(?:my |his |her |the |of )?(?:\w+ )?{_PILLS}",
        rf"\b(?:saved|saving|save|stockpil\w*|hoard\w*|stash\w*|squirrel\w*) (?:up )?(?:all )?(?:my|his|her|some|the|of)? ?(?:old )?{_PILLS}",
        rf"\b{_PILLS} (?:saved|stashed|hidden|put by|put away|stockpiled|ready)",
        r"\b(?:won'?t|will not|wont|not going to|shan'?t) be (?:here|around|round|a (?:problem|burden|bother)) (?:for|much|by|to|next|after|long|soon|any ?more)",
        r"\bnot (?:be|going to be) (?:here|around) (?:for|much|by|next|long|soon|after)",
        r"\b(?:said|saying|say) (?:my |his |her )?goodbyes?\b|\bgoodbye (?:letter|note)s?|\b(?:written|wrote|writing|left) (?:my |some |a few )?(?:letters|notes?) (?:for|to) (?:everyone|the (?:kids|family|children)|my (?:kids|family|children|daughter|son))",
        r"\bgiving (?:away )?(?:all )?(?:my|his|her) (?:things|stuff|belongings|possessions)(?: away)?|\bgave (?:all )?(?:my|his|her) (?:things|stuff|belongings) away",
        r"\bjump(?:ing|ed)? (?:off|from|in front of|into) (?:a |the )?(?:bridge|train|cliff|building|car park|roof|river|sea|motorway|lorry|bus|balcony|window)\b(?! for\b)",
        r"\b(?:step|stepping|walk|walking) (?:out )?in front of (?:a |the )?(?:train|bus|lorry|car|traffic)",
        r"\bnoose\b|\brope (?:in|from|round|around|over|up)\b",
        rf"\b{_CANT} (?:go on|carry on|keep going) (?:like this|any ?more|living|with life)|\b{_CANT} (?:go on|carry on|keep going)\s*(?:[.,!?;:-]|$)",
        rf"\b{_CANT} (?:face (?:another|tomorrow|living|life)|do this any ?more|take (?:it|this) any ?more|take much more|take any more of this)",
        r"\b(?:give|given|giving) up on (?:life|living|everything)",
        r"\b(?:thinking|thought|think|thoughts) (?:about|of) (?:ending|dying|death|not being here|killing|suicide|taking (?:my|his|her) (?:own )?life)",
        r"\b(?:want|wants|wanted|need|needs) (?:it|everything|it all|all this|this|the pain) (?:all )?to (?:stop|end|be over)",
        r"\b(?:hope|hoping|wish|wishing|pray|praying|want|wanting)\w* (?:i |he |she )?(?:don'?t|do not|doesn'?t|won'?t|never|not) (?:wake|waking)(?: up)?\b",
        r"\b(?:to not|not to|to never|never to) wake up(?: in the morning| again| tomorrow| one day)?\s*(?:[.,!?;]|$|really|honestly|at all)",
        r"\bhad enough of (?:living|life|being alive|this life|it all)\b",
        r"\bunaliv\w*|\bctb\b|\bsleep (?:for good|forever|forev\w*)\b|\blook(?:ed|s)? like an accident\b",
        r"\bbetter (?:off |for )?(?:all round|everyone|everybody|all) (?:if|when) (?:i|he|she) (?:go|went|wasn'?t|weren'?t|was gone|am gone|'?m gone|'?s gone|died)\b",
        r"\bwho (?:would|will|'d|'ll|is going to) find (?:me|him|her)\b",
        r"\b(?:manage|cope|be|get on|do) (?:much |a lot )?(?:better|fine|happier|easier) without (?:me|him|her)\b",
        rf"\b(?:use|using|turn|turning) (?:it|them|the gun|the shotgun|the rifle) on {_SELF}",
        r"\b(?:hose|hosepipe)\b.{0,60}\b(?:exhaust|car boot|boot of (?:the|his|her|my) car)|\bcar exhaust\b|\bexhaust fumes\b",
        rf"\b(?:take|taking|swallow|swallowing) (?:all|the lot|them all|the whole lot|every one) (?:of )?(?:my |his |her |the |them )?(?:\w+ )?(?:{_PILLS} )?(?:together|at once|in one go|with (?:a |some )?(?:drink|glass|sherry|whisky|vodka|wine))",
        r"\bburden (?:on|to) (?:everyone|every ?body|all)|\b(?:everyone|they)(?:'d| would) be (?:better|happier) (?:off )?without",
        r"\b(?:plan|planning|planned|decided|a date|a way) (?:how )?to (?:end it|end my|kill|take my (?:own )?life)",
        r"\b(?:go|going|gone|went) to sleep (?:forev\w*|for good|and (?:not|never) (?:wake|bother|come back))",
        rf"\b(?:saved|saving|keeping back|kept back|put by|collection of|enough of|enough|stash of|store of) (?:up )?(?:all )?(?:the |my |his |her |mum'?s |dad'?s )?(?:old )?(?:\w+ )?{_PILLS} (?:saved|now|up|to|in|ready|just in case|for)",
        rf"\bhow many (?:of )?(?:\w+ ){{0,3}}{_PILLS} (?:it )?(?:would|does|will|it'?d|to)? ?(?:take|kill|be enough)",
        r"(?<!doesnt )(?<!doesn't )(?<!dont )(?<!don't )(?<!won't )(?<!not )\b(?:step|stepping|go|going|jump|jumping|drive|driving|throw|throwing)(?: myself| himself| herself)? (?:off|over|into) (?:the )?(?:edge|top|bridge|cliff|railings?|canal|river|wall|car park)",
        r"\b(?:how )?easy (?:it )?(?:would|'d|it'd|it would) be to (?:just )?(?:step|go|jump|end|drive|walk|let go|slip)",
        r"\bwon'?t (?:need|be needing) (?:them|it|em|'em|any of (?:it|this)) (?:any ?more|soon|where)|\bwon'?t be needing\b",
        r"\b(?:will not|won'?t|wont) be (?:here|around)\s*(?:[.,!?;]|$)",
        r"\bwhat (?:is|'s) the point (?:of|in) (?:me|living|going on|carrying on|it all|anything|being here|life)",
        r"(?:^|[\s?(])\bsi\b(?:[\s.,;)]|$)|\bsuicidal\b|\bideation\b",
        r"\b(?:rather|sooner|prefer to) (?:just )?(?:go to sleep and|not wake|be dead|not be here|finish it|end it|not bother waking|die)\b(?! than| happy)",
        r"\bfinish (?:it|things) (?:myself|all|for good|tonight)|\bfinish myself(?: off)?\b",
        r"\b(?:everyone|everybody|they|the family|my family|the kids)(?:'d| would| will)? (?:manage|cope|be fine|be better|get on) (?:perfectly )?(?:well |fine )?without me",
        r"\b(?:ways|way|methods?|best way|quickest way|painless way|how) (?:to|of) (?:die|dying|end it|kill (?:my|him|her)sel)|\b(?:read|reading|looked|looking|googl\w*|research\w*) (?:up )?(?:about |into |on )?(?:how to die|ways to die|how much it takes|how many it takes|lethal|painless)",
        r"\b(?:tying|tie|tied) up (?:all )?(?:the |my )?loose ends\b",
        r"\b(?:top|edge) of (?:the |a )?(?:multi[- ]?stor(?:e)?y|car ?park|cliff|bridge|building|quarry|tower block|flats)\b",
        r"\b(?:wasn'?t|isn'?t|was not|is not|won'?t be|not) (?:your|their|his|her|anyone'?s|anybody'?s) fault when (?:it|i)\b",
        r"\btell (?:\w+ ){1,3}(?:i|that i) (?:loved|love) (?:her|him|them|you)\b.{0,40}(?:ta-?ra|goodbye|bye|that'?s all|x\b)",
        r"\b(?:won'?t|will not|don'?t) have to (?:wait|worry about me|look after me|put up with me) (?:for|much|any ?more|long)\b",
        r"\bnot (?:be |being )?around (?:any ?more|much longer|next (?:year|month|week)|for (?:much|long)|come (?:spring|summer|christmas))|\bwasn'?t (?:about|around) come\b",
        r"\bhose ?pipe\b.{0,80}\b(?:tape|car|garage|exhaust|tank)\b",
        r"\bdon'?t send (?:anyone|anybody|no ?one|nobody) (?:round|looking|to look)\b",
        r"\b(?:given|gave|giving) (?:away )?(?:my|his|her) (?:dog|cat|medals|wedding ring|rings?|jewell?ery|records|watch|guitar|tools|budgie)\b.{0,60}\b(?:won'?t need|sorted|job done|done|will now|all set|last week|away)\b",
        r"\b(?:sorted|sorting|sortin|sort|put|putting|got|getting) (?:out )?(?:all )?(?:me|my|his|her) affairs (?:out |in order)?.{0,40}\b(?:time|go|ready|gone|before|soon|i went|so)\b",
    ],
    "self_harm": [
        rf"\b(?:cut|cutting|cuts|burn|burning|burns|burnt|burned|hurt|hurting|hurts|harm|harming|harms|hit|hitting|hits|scratch\w*|punch\w*|bang\w*|starv\w*|punish\w*|bite|biting|scald\w*) {_SELF}(?! (?:on|while|when|shaving|chopping|cooking|gardening|by accident|accidentally|doing|with the|at work|lifting|moving|getting|trying|in the|playing|falling|out|ironing|baking))",
        r"\bself[- ]?harm\w*|\bs/h\b|\bself[- ]?injur\w*",
        r"\b(?:cut|cutting|cuts|slash\w*|scratch\w*|burn\w*|carv\w*) (?:into )?(?:my|his|her|their|ma) (?:own )?(?:arms?|wrists?|legs?|skin|thighs?|stomach|belly|tummy)",
        r"\bbang\w* (?:my|his|her) head (?:against|on|off)",
        r"\b(?:hid|hide|hiding|hidden) (?:a |some |the )?(?:razor|blade)s?",
        r"\b(?:urge|urges|itch) to (?:cut|hurt|harm|burn|take)",
        r"\b(?:relapsed|started cutting|(?<!been )(?<!be )(?<!was )(?<!were )(?<!being )cut again|cutting again|burning again|harming again)\b",
        r"\b(?:punch|punches|punching|punched|hit|hits|hitting|bang|bangs|banging|banged|smash\w*|knock\w*|burn\w*|pinch\w*|bit|bite|bites|biting|scratch\w*) (?:the |at )?(?:walls?|door frames?|the door|(?:my|his|her|their|me own|my own|his own|her own) (?:own )?(?:legs?|arms?|face|head|hands?|thighs?|wrists?|knuckles|skin))\b(?! (?:on|with) (?:the )?(?:pans?|oven|hob|grill|tray|stove|baking))",
        r"\b(?:punch\w*|hit\w*|slap\w*) (?:my|him|her)sel(?:f|ves) in the\b",
        r"\b(?:blades?|razors?|lighter|scissors|knife|compass) (?:to|on|into|across) (?:my|his|her|their|me) (?:own )?(?:arms?|wrists?|skin|legs?|thighs?|stomach)",
        r"\b(?:burns?|cuts|marks|scratches|plasters) (?:all )?(?:on|up|over|across|along) (?:my|his|her|their|pt'?s|the) (?:arms?|wrists?|thighs?|legs?|stomach|tummy)",
        r"\b(?:stopped|stop|not) (?:taking|eating|having) (?:my |his |her )?(?:\w+ )?(?:meds|tablets|medication|insulin|food|meals)? ?on purpose\b|\bon purpose (?:so|to) (?:i|he|she) (?:feel|get|hurt|suffer)",
        r"\b(?:bought|got|buying|buy) (?:new |some |more )?(?:blades|razor blades)\b",
        r"\b(?:pour\w*|hold\w*|held|press\w*|put|puts|putting) (?:a |the )?(?:kettle|boiling water|hot water|lit match|match|lighter|cig(?:arette)?(?: end)?|fag(?: end)?|iron)\w* (?:on|onto|against|to|into) (?:my|his|her) (?:own )?(?:hands?|arms?|wrists?|skin|legs?|thighs?)",
        r"\bburn\w* (?:the )?(?:backs? of )?(?:my|his|her) (?:hands?|arms?|wrists?|legs?|skin|thighs?) with (?:a |the )?(?:cig|fag|lighter|match|iron|kettle)",
        r"\b(?:keep|keeps|kept|carry|carries|carrying) (?:a |my |the )?(?:blade|razor blade)s? (?:in|on|under|with|hidden|just in case)",
        r"\b(?:pick\w*|pull\w*|rip\w*|tore|tear\w*) (?:at |open )?(?:the |my |his |her )?(?:stitches|scabs?|wounds?|dressings?|sores?)\b.{0,40}\b(?:open|till|until|on purpose|bleed|again|so)\b",
        r"\bbite marks\b.{0,40}\b(?:mine|my own|myself|me)\b",
        r"\b(?:box|pack|packet|stash) of (?:razor )?blades\b",
        r"\b(?:want|wants|wanted|wanting|waan|need|needs) (?:it|them|dem|me|myself) to (?:feel the pain|hurt)\b|\bto make (?:it|myself|me) hurt\b|\b(?:want|wants|wanted|wanting) to (?:feel the pain|hurt)\b(?! (?:him|her|them|anyone|you|someone|somebody|people|the))",
        r"\b(?:whack\w*|thump\w*|skelp\w*) (?:at )?(?:ma|my|me|his|her) (?:own |bad |good )?(?:leg|legs|arm|arms|head|heid|face|hands?|thighs?|knees?|stomach|belly)\b",
        r"\b(?:free (?:from|of) (?:sh|self[- ]?harm)|(?:sh|self[- ]?harm) free|(?:months?|weeks?|days?|year) (?:sh|self[- ]?harm)[- ]free)\b",
        r"\b(?:wounds?|cuts|burns|sores?|stitches) (?:on purpose|deliberately)|\b(?:not|don'?t|won'?t|didn'?t|nuh|never) (?:dress|clean|treat|cover)\w* (?:the |my |his |her |di )?(?:sore|sores|wounds?|cuts|burns)(?: dem)?\b",
    ],
    "abuse": [
        rf"(?<!i'll )(?<!ill )(?<!i shall )(?<!i could )(?<!i'd )(?<!i will )(?<!going to )\b(?:hits|hitting|kicks|kicking|kicked|punch(?:es|ed|ing)?|slap(?:s|ped|ping)?|strangl\w*|batter\w*|thump\w*|smack\w*|shov(?:es|ed|ing)|pinch(?:es|ed|ing)|spat|spits|headbutt\w*|kick|slap|punch) {_WHO}\b",
        rf"(?<!wouldn't )(?<!wouldnt )(?<!won't )(?<!never )(?<!not )\b(?:hit|hurt|hurts|hurting) {_WHO}\b(?! (?:hard|for six|like|that|then|when|how|all at once|up|with the|to see|inside|so much))",
        rf"\bchok(?:es|ed|ing) {_WHO}\b(?! up)|\b(?:beats|beat|beating) {_WHO} (?:up|black|senseless|with|when|again|if|every|round)",
        rf"\bdomestic(?:ally)? (?:abuse|violence|abusive)\b{_NOT_A_SERVICE}|\bdv\b|\bcoerc\w*|\b(?:he'?s|she'?s|is|very|so|really|being) controlling\b|\bgaslight\w*",
        rf"\b(?:abuse[sd]?|abusing|abusive|abuser|mistreat\w*|ill[- ]?treat\w*|bully\w*|bullies|bullied)\b{_NOT_A_SERVICE}",
        r"\b(?:not|don'?t|do not|dont|never|doesn'?t|does not) (?:feel )?safe (?:at home|with|around|in (?:my|the|this|her|his) (?:own )?(?:house|home|flat|room|bed)|here|there|anymore|any more|when|since)",
        r"\b(?:doesn'?t|does not|don'?t|do not|dont|never) feel safe\b",
        rf"\b(?:scared|afraid|frightened|terrified|petrified|feared|fearful|scaird|scard) (?:of|to|that|what|when) (?:him|her|them|going home|go(?:ing)? back|be (?:at )?home|tell|say|speak|what (?:he|she|they)|he|she|they|his|the (?:carer|lodger)|my {_RELATIVE}|{_RELATIVE})\b",
        rf"\b(?:won'?t|will not|wont|doesn'?t let|never let|refuses to let) (?:let )?{_WHO} (?:see|go|leave|eat|talk|out|have|use|speak|phone|call|ring|visit|touch|keep|get|sleep|answer)",
        rf"\b(?:lock|locks|locked|locking) {_WHO} (?:in|up|out)",
        r"\bthreat(?:en\w*)? (?:me|her|him|them|us|to (?:hurt|kill|hit|harm|stab|burn|put|throw|leave|take|smash|beat|break))|\bthreats\b",
        rf"\btouch(?:ed|es|ing)? {_WHO} (?:where|inappropriately|there|down there|under|between)",
        r"\bsexual(?:ly)? (?:assault|abuse|touch|advances)|\brap(?:e|ed|ing|ist)\b|\bmolest\w*|\bgroped?\b|\bindecent",
        rf"\bmade {_WHO} (?:do|have) (?:sex|things)|\bforc(?:es|ed|ing) {_WHO} to\b",
        rf"\b(?:shouts|screams|swears|yells|sneers|lashes out) (?:at|on) {_WHO}",
        rf"\b(?:takes? away|took away|taking away|hides?|hid|hiding|smash\w*|broke|breaks) (?:my|her|his) (?:mobile|phone|walking stick|stick|frame|hearing aids?|glasses|keys|wheelchair)",
        rf"\b(?:reads|goes through|going through|tracks|tracking|monitors) (?:my|her|his) (?:phone|messages|texts|post|letters|location)",
        rf"\bcalls? {_WHO} (?:stupid|useless|names|fat|worthless|a burden|thick|pathetic|ugly|a waste|nothing|horrible)",
        rf"\b(?:puts?|putting) {_WHO} down\b(?! (?:for|on|as))|\bbelittl\w*|\bhumiliat\w*|\bwalking on egg ?shells\b|\bunexplained bruis\w*|\bfinger ?(?:tip )?(?:mark|bruise)s?\b",
        r"\b(?:ties|tied|tying|straps?|strapped) (?:me|her|him|them|(?:my|her|his) (?:hands?|arms?|legs?|wrists?)) (?:to|down)\b",
        r"\b(?:i'?ll|i will|she'?ll|he'?ll|i'?d) (?:be|get) in (?:big )?trouble (?:for|if) (?:talking|telling|speaking|ringing|saying)",
        r"\b(?:not allowed|isn'?t allowed|aren'?t allowed|am not allowed) (?:to )?(?:see|leave|have|talk|speak|phone|call)",
        r"\b(?:raised|raises) (?:his|her|a) (?:hand|fist)|\bthrows? (?:things|stuff|plates|cups) at\b|\bthrew (?:a |the |his |her )?(?:plate|cup|mug|chair|bottle|glass|remote|shoe|pan|knife|things|stuff|phone|kettle) at (?:me|her|him)",
        r"\b(?:afraid|scared|frightened|terrified) of (?:my|me) (?:own )?(?:son|daughter|husband|wife|grandson|partner|brother|nephew|lodger)\b",
        r"\b(?:pushed|shoved|threw|thrown) (?:me |her |him )?down (?:the )?stairs\b",
        r"\b(?:yanks?|yanked|pulls?|pulled|drags?|dragged) (?:ma|my|her|his|me) (?:by (?:the|my|her|his) )?hair\b",
        r"\b(?:tell|tells|told) (?:the whole street|everyone|everybody|people) (?:i'?m|i am|she'?s|he'?s) (?:positive|gay|hiv)\b|\bdo as i'?m told\b",
        r"\b(?:take|takes|took|taking) (?:my|her|his) hearing aids? away\b|\bhide (?:them|my \w+) when (?:she|he)'?s? angry\b",
        r"\bturns? up with bruises\b|\b(?:covered in|(?:mum|dad|she|he|nan|gran) (?:came|comes|turned up|turns up) with|gave (?:me|her|him|mum|dad) a) (?:a )?(?:black eye|bruises)\b",
        r"\b(?:you'?re|you are|your|ur) dead when\b",
    ],
    "financial_abuse": [
        rf"\b(?:takes?|took|taking|taken|steals?|stole|stolen|stealing|nick(?:s|ed|ing)?|pinch(?:es|ed|ing)|helps? (?:him|her|them)sel(?:f|ves) to|help(?:ing|ed) (?:him|her|them)sel(?:f|ves) to|drain(?:s|ed|ing)?|empt(?:y|ies|ied|ying)|cleaned out|clean(?:s|ing)? out) (?:all |most |half |some |loads |the lot )?(?:of )?(?:my|me|her|his|their|\w+'s) (?:own )?(?:\w+ )?{_MONEY}",
        rf"\bspen(?:d|ds|t|ding) (?:all )?(?:of )?(?:my|me|her|his) {_MONEY} on (?:their|there|his|her) (?:own )?\w+",
        r"\bmoney (?:keeps )?(?:going|goes|gone|has gone|went|disappearing|disappears) (?:missing|from|out of)|\b(?:money|cash|£\d+) (?:keeps )?(?:going )?(?:missing|gone) from|\bmoney (?:is )?missing\b",
        r"\bnever (?:pays?|paid|gives?|gave|give) (?:it |me |her |him |them |any of it |anything )?back|\bnot (?:paid|given) (?:it |me |her |him )?back",
        rf"\b(?:pressur\w*|forc\w*|bully\w*|bullie\w*|made) (?:me|her|him|them|mum|dad) (?:into |to )?(?:sign|change|transfer|sell|sign over|hand over|give (?:him|her|them) (?:my|her|his|money|the))",
        r"\b(?:change|changing|changed|sign|signing|signed) (?:over )?(?:my|her|his|the) (?:will|house|deeds|flat|property|power of attorney|bungalow|home)\b",
        rf"\b(?:controls?|controlling|took over|taken over) (?:all )?(?:of )?(?:the|my|her|his) (?:{_MONEY}|finances)",
        rf"\b(?:took|asked for|demanded|made (?:me|her|him) give (?:him|her|them)) (?:my|her|his) (?:pin|pin number|bank details|card details|passwords?|login)",
        rf"\bfinancial(?:ly)? (?:abus|exploit|control)\w*{_NOT_A_SERVICE}|\bfin(?:ancial)? abuse|\bscamm(?:ed|ing) (?:me|her|him)",
        rf"\b(?:no|not (?:any|enough)|nothing) (?:money )?(?:left )?(?:for|to buy|to pay for) (?:food|the electric|heating|the meter|shopping)",
        rf"\b(?:ask\w*|begg\w*|demand\w*) (?:me |her |him )?for (?:money|cash)|\b(?:money|cash) (?:off|out of) (?:me|her|him|mum|dad) (?:every|all|again)",
        rf"\b(?:loan|loans|credit card|catalogue|debts?) (?:taken out )?in (?:my|her|his) name",
        rf"\b(?:my|his|her) {_MONEY} (?:all )?(?:goes|go|went|gets paid) (?:straight )?(?:to|in(?:to)?) (?:his|her|their|my) (?:{_RELATIVE}|cousin|uncle|aunt|friend)'?s?\b",
        r"\b(?:make|makes|made|force|forces|forced) (?:me|her|him|them) (?:to )?(?:go to |take out |get )?(?:the )?(?:cash ?(?:machine|point)|atm|cashpoint|hole in the wall|bank)",
        r"\b(?:borrow\w*|'borrowed') (?:my |me |her |his )?(?:\w+ )?(?:money|cash|pension|card|scooter|car|savings|£\d+|fifty|hundred|\d+ quid|a hundred|quid)\b.{0,60}\b(?:again|never|sold|third time|every|without asking|not (?:paid|given))",
        r"\b(?:they'?ve|he'?s|she'?s|they have|he has|she has|has|have) (?:had|taken|took|got) (?:my|me|her|his) (?:attendance allowance|pension|benefits?|pip|winter fuel|money|cards?|savings|uc)\b.{0,40}\b(?:again|months|weeks|every|for)\b",
        r"\b(?:took|take|takes|taken) (?:me|ma|my) (?:cards?|bank card|winter fuel(?: money)?)\b",
        r"\bwhere (?:my|me|her|his) (?:uc|pip|pension|benefits?|money|wages) (?:goes|go|went)\b",
        r"\b(?:helps? (?:her|him)self|helping (?:her|him)self) to (?:the )?(?:cash|money)\b",
        r"\b(?:new will|changed (?:her|his|my) will|change (?:ma|my|her|his) will)\b.{0,80}\b(?:lodger|neighbour|carer|cleaner|idea|naming|sole|on at me|pressur|sign|papers|everything)\b",
    ],
    "neglect": [
        r"\b(?:no ?one|nobody|noone|no-one|no one'?s|nobody'?s) (?:has )?(?:come|been|fed|feeds|helps?|washed|changed|turned up|visited|checked)\b.*\b(?:days?|week|fed|eat|food|wash|since|yesterday|hours)",
        rf"\b(?:carers?|agency|care workers?|the girls) (?:hasn'?t|haven'?t|has not|have not|didn'?t|did not|never|don'?t|do not|dont|did'?nt) (?:been |even )?(?:turned up|come|came|been|shown up|showed up|turn up|show up|bother)",
        r"\b(?:not|no|hasn'?t|haven'?t|hadn'?t|didn'?t|has not|have not|had not) (?:eaten|ate|had (?:anything|any food|a meal|a drink|food|water|a wash|a bath|a shower)|been fed|been given|been washed|been changed|had a proper)\b.*\b(?:days?|since|week|yesterday|hours|ages)",
        rf"\b(?:left|leave|leaves|leaving) {_WHO} (?:in|on|alone|without|sat|sitting|lying|for hours|all day|all night|soaking|wet|soiled|dirty|in bed|hungry|cold)",
        r"\b(?:wet|soiled|dirty|soaking|soaked|filthy) (?:pads?|bed|sheets|clothes|nappy|nappies|pants|underwear|incontinence)",
        r"\b(?:lying|sat|sitting|left) in (?:my|her|his|their) (?:own )?(?:mess|urine|wee|poo|faeces|filth|dirt)",
        rf"\bneglect\w*{_NOT_A_SERVICE}|\bdehydrat\w*|\bmalnourish\w*",
        r"\b(?:no|not any|hardly any|run out of) (?:food|heating|heat|electric|electricity|gas|hot water|money for food) (?:in the (?:house|flat)|at home|left|since|for (?:days|a week|weeks|\d+))|\bcupboards? (?:are |is )?(?:empty|bare)|\bnothing (?:in the house )?to eat\b|\bfridge (?:is )?empty",
        r"\b(?:hasn'?t|haven'?t|not|hadn'?t) (?:(?:been )?(?:washed|bathed|showered|had a wash)|been changed)\b.*\b(?:days?|week|weeks|since|ages|month)",
        r"\b(?:not (?:been )?given|not had|hasn'?t had|haven'?t had|no one gives?|nobody gives?) (?:my|her|his) (?:tablets|meds|medication|insulin|medicine|injections?)\b",
        r"\bliving in (?:filth|squalor|a mess|muck|a state)|\b(?:house|flat|place|home) (?:is |'s )?(?:filthy|a tip|squalid|infested|full of rubbish)",
        rf"\b{_CANT} (?:cope|manage|look after (?:my|him|her)sel(?:f|ves)) (?:on (?:my|his|her) own|alone|any ?more|at all)",
        r"\bleft on (?:the|a) (?:commode|toilet|loo)\b|\brubbish everywhere\b|\b(?:mice|rats|maggots|flies|cockroaches) (?:everywhere|in the (?:kitchen|house|flat|bed|food))",
        r"\b(?:carers?|agency|girls) (?:keep |keeps )?(?:skip\w*|miss\w*|cut\w* short|rush\w*) (?:my |his |her |mr \w+'?s |mrs \w+'?s )?(?:tea|lunch|morning|evening|bed|breakfast|dinner)?(?: ?(?:visit|call|calls|visits))?\b",
        r"\b(?:morning|lunch|tea|evening|night) (?:call|visit)s? (?:missed|not done|skipped)\b",
        r"\b(?:nobody|no ?one|no-one|noone) (?:has )?(?:done|given|put in|changed|dressed) (?:my|her|his) (?:eye ?drops|drops|dressings?|tablets|meds|insulin|cream|pads?)\b",
        r"\b(?:meds|tablets|medication|prescription) not (?:collected|given|picked up|done)\b|\bno meds given\b",
        r"\b(?:carer|carers) nuh come\b|\bnae heat\b|\bnae food\b",
    ],
    "others_at_risk": [
        rf"\b(?:hits|beats|hurts|hit|hurt|hurting|hitting|beating|kick\w*|punch\w*|slap\w*|shak(?:es|ing|en)|smack\w*|batter\w*|abus\w*|neglect\w*|starv\w*|locks?|locked|threaten\w*|scream\w* at|shout\w* at) (?:the|his|her|their|my|our|your) (?:\w+ )?(?:{_CHILD}|wife|husband|partner|girlfriend|boyfriend|mum|mam|dad|neighbour|sister|brother|son|daughter|mother|father)\b",
        rf"\b(?:{_CHILD}) (?:is |are |were |was |being |been )?(?:left )?(?:alone|on (?:their|his|her) own|unsupervised|home alone|not (?:fed|safe|washed)|hungry|crying for hours|scared of|frightened of|covered in bruises|bruised|in danger)",
        r"\b(?:neighbour|next door|the lady (?:next door|upstairs|downstairs|across)|the man (?:next door|upstairs|downstairs|across))\b.*\b(?:haven'?t|hasn'?t|not) (?:been )?(?:seen|heard)\b.*\b(?:days?|week|since|ages)",
        r"\b(?:screaming|crying|shouting|banging|thuds?|smashing) (?:from|next door|upstairs|downstairs|through the wall)|\b(?:curtains|milk|post|papers) (?:still )?(?:closed|drawn|on the step|piling up|not taken in)",
        r"\b(?:is|are|being|was being|were being|gets|getting) (?:abused|beaten|neglected|mistreated|groomed|exploited|battered|bullied|hit|hurt|threatened)\b",
        r"\b(?:scared|afraid|frightened|fear|fears|terrified) for (?:the |his |her |their |my )?(?:kids?|children|child|baby|grand\w*|safety|life|lives)|\b(?:worried|concerned) (?:for|about) (?:the |his |her |their |my )?(?:safety|life|lives)",
        r"\b(?:he|she|they|he'?ll|she'?ll|they'?ll)(?: will| might| could| is going to| are going to| may| would)? (?:hurt|harm|attack|stab|batter) (?:her|him|them|the kids|someone|somebody|the baby|his|my|us)\b",
        r"\bbeing groomed\b|\bexploit\w*|\bcuckoo\w*|\bcounty lines\b|\bmodern slavery\b|\btraffick\w*",
        r"\b(?:wander\w*|found) (?:out|off|outside|(?:the |down the |up the )?streets?|in the road|onto (?:the )?(?:road|dual carriageway|motorway|main road))\b.*\b(?:night|middle|alone|nightie|pyjamas|cold|lost)",
        r"\b(?:driver|carer|staff|teacher|coach|uncle|stepdad|boyfriend|man|husband|ma man)(?:'s)? (?:hit|hittin|hitting|hits|slapped|kicked|punched|grabbed) (?:colin|\w+'s|a|the|oor|our) ?\w*\b",
        r"\b(?:being|been) pimped\b|\bpimp\w* (?:her|him|them) out\b",
        r"\b(?:wean|bairn|kid|child|baby|toddler|little one)\b.{0,40}\b(?:left alane|left alone|nae shoes|no shoes|on the stair|greets aw night|cries all night)\b",
        r"\bmilk'?s (?:been )?on the step\b|\bmilk (?:still )?on the step\b",
        r"\b(?:wander\w*) (?:onto|on to|into|along|down) (?:the )?(?:dual carriageway|motorway|main road|road|railway|bypass)\b",
        r"\bshowing (?:the )?(?:grandkids|kids|children|wean|bairns) '?videos\b",
    ],
    "fall": [
        rf"(?=.*\b(?:fallen|fell|falled|slipped|tripped|collapsed|gone down|went down|keeled over|on the deck|hit the floor|tumbled|slid|slumped|toppled|had a fall|had a tumble)\b)(?=.*(?:\b{_CANT} (?:get|getting) (?:myself |her |him |them )?(?:back )?up|\b{_CANT} (?:stand|move|reach)|\b(?:on|off) the (?:floor|ground|carpet|lino|tiles)|\bstuck\b|\blying (?:here|there|down)\b|\bfor (?:hours|ages|\w+ hours|the night)|\ball night))",
        r"\b(?:been|lying|laying|stuck|sat) down here (?:since|for|all)\b",
        r"\b(?:lying|laying|lay|layed|been|still|stuck) (?:on|in) (?:the|my|her|his) (?:floor|ground|bathroom floor|kitchen floor|hall|carpet|tiles)",
        rf"\b{_CANT} get (?:myself |her |him |them )?(?:back )?(?:up|off) (?:off |from )?(?:the|this|my|her|his) (?:floor|ground|carpet|bath|loo|toilet)",
        rf"\b{_CANT} get (?:myself |her |him )?(?:back )?up\b(?! (?:the|those|them|stairs|in|early|on time|for|to|and go|out|that|these|hill|without|easily|quickly|from (?:a|the|my|low) (?:chair|sofa|settee|bed|armchair|seat)))",
        r"\b(?:pressed|press|pressing|pulled|pull) (?:my|her|his|the) (?:pendant|alarm|button|lifeline)\b(?!s)|\bpendant (?:alarm )?(?:went off|not working)",
    ],
    "carer_breakdown": [
        r"\b(?:breaking|snapping) point\b|\bend of (?:my|his|her) (?:tether|rope)\b",
        r"\b(?:going to|gonna|about to|might|could|will|i'?ll|afraid i'?ll|scared i'?ll|worried i'?ll) (?:snap|crack up|lash out|walk out)\b|\b(?:walk|walking) out on (?:him|her|them)|\bleave (?:him|her|them|mum|dad) (?:to it|for good|and go|and never)",
        r"\b(?:scared|afraid|frightened|worried|terrified|fear)(?: that)? (?:i|he|she)(?:'ll| will| might| could| am going to| 'm going to| would) (?:hurt|hit|harm|shake|smother|lose it with|lash out at|slap|strangle|push) (?:him|her|them|mum|dad|mam|my)",
        rf"\b(?:can'?t|cannot|can not|cant) (?:cope|do this|look after (?:him|her|them|mum|dad)|care for (?:him|her|them)|manage (?:him|her|them)|keep (?:doing|going|this up)) (?:any ?more|much longer|like this|on my own|alone|with (?:him|her|them|mum|dad|mam|my \w+|it all|this|caring))",
        r"\b(?:want|going|gonna|about) to run away from (?:him|her|them|mum|dad|mam|it all|my (?:wife|husband|son|daughter|mum|dad))",
        r"\b(?:carer|carers|caring|caregiver) (?:stress|strain|breakdown|burn ?out|crisis)|\bburn(?:ed|t|ing)? ?out\b|\bi'?m falling apart\b|\bi am falling apart\b|\bcan'?t take (?:any ?more|much more|it any ?more)",
        r"\b(?:nearly|almost) (?:hit|slapped|hurt|shook|pushed|smacked) (?:him|her|them|mum|dad)|\b(?:shook|slapped|pushed|smacked|grabbed|hit) (?:him|her|mum|dad) (?:today|yesterday|last night|this morning|hard|because)",
    ],
    "danger": [
        rf"\b(?:taken|took|swallowed|had) (?:all|a lot|lots|loads|a load|a handful|the whole|a whole|two boxes|boxes) (?:of )?(?:my |his |her |the |of )?(?:\w+ )?{_PILLS}|\boverdosed\b(?! on (?:mince|chocolate|cake|sweets|biscuits|sugar|carbs|cheese|christmas|telly|tv|netflix|coffee|caffeine|sun|sunshine|pies|pudding|crisps|food|turkey|box ?sets))|\bod'd\b|\b(?:drunk|drank|swallowed) (?:bleach|poison|antifreeze)",
        r"\b(?:there'?s|there is|theres) (?:a )?(?:fire|smoke)\b|\b(?:house|flat|kitchen|room|bedroom|pan|chip pan|cooker|building|curtains?|sofa|bed|car|bin|van|shed|garage|something|it|place|hall|roof|toaster|microwave|oven|telly|tv|upstairs|downstairs|next door)(?: is| was|'s| are| has gone| went)? on fire\b|\bfire in (?:the|my|her|his) (?:kitchen|house|flat|bedroom|hall|room|building|block|loft|garage|bin)|\b(?:caught|catch|catching) fire\b|\bset (?:it|the \w+ ?\w*) (?:alight|on fire)|(?<!nearly )(?<!almost )\bset fire to\b|\b(?:chip pan|pan|oven|cooker|kitchen)(?:'s| has| is)? (?:gone up|going up)\b|\b(?:is|are|'s) (?:burning|alight|in flames)\b|\bflames\b",
        r"\bsmoke (?:coming|everywhere|in|pouring|from|filling)|\bsmell(?:s|ing)? (?:of )?(?:gas|burning|smoke)|\bgas (?:leak|smell|is on)|\bsmell gas\b|\bcarbon monoxide\b(?! (?:alarm|detector|monitor)s?\b)|\b(?:carbon monoxide|co) (?:alarm|detector)s? (?:is |keeps |has )?(?:going off|went off|beeping|sounding)|\bco alarm (?:going|went)",
        rf"\b{_CANT} (?:breathe|breath|get (?:my |his |her )?breath)|\bstruggling (?:to|for) (?:breathe|breath)|\bnot breathing\b|\bturning blue\b|\blips (?:are |have gone )?blue",
        r"\bchest (?:pains?|is (?:tight|hurting|crushing)|tightness|hurts|feels (?:tight|heavy)|crushing)|\bpain (?:in|down) (?:my|his|her) (?:chest|left arm)",
        r"\b(?:face|mouth|smile) (?:is )?(?:drooping|dropped|has dropped|gone (?:funny|droopy|lopsided)|lopsided)|\bslurr\w*|\b(?:having|is having|had) a (?:stroke|heart attack|fit|seizure) (?:now|right now|i think)|\b(?:think|thinks|maybe|might be) (?:i'?m|he'?s|she'?s|i am|he is|she is) having a (?:stroke|heart attack|fit|seizure)|\bcan'?t (?:feel|move) (?:my|his|her) (?:arm|leg|face|side)",
        r"\b(?:arm|hand|leg|side|face)(?:'s| has| is)? (?:gone|going|suddenly|all) (?:weak|numb|dead|floppy)\b|\bwords (?:are |keep )?(?:coming out|come out) (?:wrong|funny|jumbled)",
        r"\bsomeone (?:is |'s )?trying to (?:get|break|force (?:their|his|her) way) in\b",
        r"\bunconscious\b|\bwon'?t wake (?:up)?\b|\bnot (?:responding|waking)|\bunresponsive\b|\b(?:has|just|he'?s|she'?s|i'?ve) (?:just )?(?:collapsed|passed out)",
        r"\b(?:has got|he'?s got|she'?s got|holding|waving|brandish\w*|pulled|threaten\w*|carrying|picked up|grabbed|came at me with|coming at me with) (?:a |the |his |her )?(?:knife|knives|gun|weapon|machete|blade|hammer|axe|crowbar)|\b(?:knife|gun|machete|weapon)\b.{0,60}\b(?:at me|at her|at him|threaten\w*|at the door|in his hand|in her hand)",
        r"\b(?:breaking|trying to get|trying to break|forcing (?:his|their|her) way) in(?:to)?\b|\bintruder|\bsomeone (?:is |'s )?(?:in|inside|outside|trying) (?:my|the) (?:house|flat|home|garden|window|door)",
        r"\b(?:at|on|outside) (?:my|the|her|his) (?:door|window)\b.*\b(?:shouting|threaten\w*|won'?t (?:go|leave)|banging|kicking|trying)|\bbanging on (?:my|the) (?:door|window)",
        r"\bbleeding (?:heavily|a lot|badly|everywhere|won'?t stop|and won'?t|loads)|\bblood everywhere\b|\bwon'?t stop bleeding|\bin danger\b|\b(?:it'?s|this is) an emergency|\bemergency now\b|\b(?:call|ring|get|need|needs) (?:an )?ambulance\b|\b(?:call|ring|phone|get) (?:the )?police\b",
    ],
}
_COMPILED = {kind: [re.compile(pattern) for pattern in patterns] for kind, patterns in _PATTERNS.items()}

# Shorthand that people type, spelled out so one pattern matches both.
_SPELLINGS = [
    (r"\bwanna\b", "want to"), (r"\bgonna\b", "going to"), (r"\bim\b", "i'm"), (r"\bive\b", "i've"),
    (r"\bu\b", "you"), (r"\bur\b", "your"), (r"\bcos\b|\bcoz\b|\bbc\b", "because"), (r"\bpt\b|\bclr\b", "she"),
    (r"&", " and "), (r"\bsumone\b|\bsomeone'?s\b", "someone"), (r"\bagen\b|\bagin\b", "again"),
    (r"\bwiv\b|\bwif\b", "with"), (r"\bcarnt\b|\bcarn't\b", "can't"), (r"\bnite\b", "night"), (r"\bfone\b", "phone"),
    (r"\bwud\b", "would"), (r"\bcud\b", "could"), (r"\bevry\b", "every"), (r"\bsez\b", "says"),
    (r"\bbruvver\b", "brother"), (r"\b(tryin|thinkin|puttin|burnin|gettin|goin|doin|sayin|cuttin|hittin|takin|comin|lyin|feelin)\b", r"\1g"),
]
_SPELLINGS = [(re.compile(pattern), replacement) for pattern, replacement in _SPELLINGS]


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, common shorthand spelled out."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    for pattern, replacement in _SPELLINGS:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()


def scan(text: str) -> list[str]:
    """The kinds of risk the message's words name (empty if none), e.g. ["abuse"]."""
    normalised = normalise(text)
    return [kind for kind, patterns in _COMPILED.items() if any(p.search(normalised) for p in patterns)]
