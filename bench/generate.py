#!/usr/bin/env python3
"""Generate synthetic US Trafficking in Persons Report country narratives for benchmarking.

Part of the tiptrack benchmark: run the whole benchmark with `bench/run.sh`, which calls this.
Standalone use (Python 3.11, standard library only):

    python3 bench/generate.py OUTDIR [--total 50000] [--seed 2011]

Writes one narrative per file (OUTDIR/tip-YEAR-ISO-ish-name.txt) for every country in
COUNTRIES and every report year 2005..2024, in the layout tiptrack imports (see
tests/fixtures/tip-2011-kazakhstan.txt): a title line, a "COUNTRY (Tier N)" heading, intro
paragraphs, a "Recommendations for Country: a; b; ...; and z." paragraph, then Prosecution,
Protection and Prevention sections of a few hundred words each. Every narrative gets 6 to 20
recommendations, chosen deterministically from the seed and adjusted so that the total is
exactly --total. Kazakhstan 2011 always has 8 (so KAZ-2011-4 exists). Prints one summary line.

With --whole-reports (used by `bench/report.sh`), writes instead one whole-report file per year,
OUTDIR/tip-report-YEAR.txt, each like the text of the report's PDF: the title once at the top,
then --narratives country narratives back to back (about --size bytes and exactly
--recommendations recommendations in all), each in the layout of its era:

    2005-2007  "KAZAKHSTAN (Tier 2)"; prose recommendations at the end of the introduction
               ("The government should ...", "It should also ...", "In addition, the government
               should ...", or "The government should: a; b; and c."); Prosecution / Protection /
               Prevention
    2008-2012  "Recommendations for Kazakhstan: a; b; and c." (the list on the same line, the
               next line or the next paragraph); Prosecution / Protection / Prevention
    2013-2018  "RECOMMENDATIONS FOR KAZAKHSTAN:" on its own line, then a paragraph of semicolon
               clauses; PROSECUTION / PROTECTION / PREVENTION, and TRAFFICKING PROFILE (unheaded
               at the start in 2013, headed at the end from 2014)
    2019-      "KAZAKHSTAN: Tier 2"; "PRIORITIZED RECOMMENDATIONS:" then one item per line behind
               "•" or inline joined by " • " (first unmarked); sections as 2014-2018

Paragraphs are hard-wrapped (--width) and separated by a blank line; at every page break (about
--page characters, only between paragraphs) stands the PDF's running furniture: a bare page
number, "TRAFFICKING IN PERSONS REPORT" and "JUNE 2020", each block set off by blank lines as
pdftotext writes it. Also writes OUTDIR/manifest.json (per file, in order, every narrative's
heading, recommendation count and recommendation texts as an importer should find them) and
prints one line per file and a summary line.

    python3 bench/generate.py OUTDIR --whole-reports [--years 2005-2024] [--narratives 190]
        [--recommendations 1500] [--size 3000000] [--width 100] [--page 6500] [--seed 2011]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

YEARS = range(2005, 2025)  # 20 report years

# Names as the TIP Report (or ISO 3166) writes them; every one resolves to a distinct ISO code.
COUNTRIES = [
    "Afghanistan", "Albania", "Algeria", "Angola", "Antigua and Barbuda", "Argentina",
    "Armenia", "Aruba", "Australia", "Austria", "Azerbaijan", "The Bahamas", "Bahrain",
    "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin", "Bhutan", "Bolivia",
    "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei", "Bulgaria", "Burkina Faso",
    "Burma", "Burundi", "Cabo Verde", "Cambodia", "Cameroon", "Canada",
    "Central African Republic", "Chad", "Chile", "China", "Colombia", "Comoros",
    "Congo, Democratic Republic of the", "Congo, Republic of the", "Costa Rica",
    "Cote d'Ivoire", "Croatia", "Cuba", "Curacao", "Cyprus", "Czech Republic", "Denmark",
    "Djibouti", "Dominica", "Dominican Republic", "Ecuador", "Egypt", "El Salvador",
    "Equatorial Guinea", "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland",
    "France", "Gabon", "The Gambia", "Georgia", "Germany", "Ghana", "Greece", "Grenada",
    "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Honduras", "Hong Kong",
    "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy",
    "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kiribati", "Korea, North",
    "Korea, South", "Kosovo", "Kuwait", "Kyrgyz Republic", "Laos", "Latvia", "Lebanon",
    "Lesotho", "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg", "Macau",
    "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta", "Marshall Islands",
    "Mauritania", "Mauritius", "Mexico", "Micronesia, Federated States of", "Moldova",
    "Mongolia", "Montenegro", "Morocco", "Mozambique", "Namibia", "Nauru", "Nepal",
    "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Macedonia",
    "Norway", "Oman", "Pakistan", "Palau", "Panama", "Papua New Guinea", "Paraguay", "Peru",
    "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia", "Rwanda",
    "Saint Lucia", "Saint Vincent and the Grenadines", "Samoa", "San Marino",
    "Sao Tome and Principe", "Saudi Arabia", "Senegal", "Serbia", "Seychelles",
    "Sierra Leone", "Singapore", "Sint Maarten", "Slovak Republic", "Slovenia",
    "Solomon Islands", "Somalia", "South Africa", "South Sudan", "Spain", "Sri Lanka",
    "Sudan", "Suriname", "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan",
    "Tanzania", "Thailand", "Timor-Leste", "Togo", "Tonga", "Trinidad and Tobago", "Tunisia",
    "Turkey", "Turkmenistan", "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom",
    "United States", "Uruguay", "Uzbekistan", "Vanuatu", "Venezuela", "Vietnam", "Yemen",
    "Zambia", "Zimbabwe",
]

TIERS = ["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3"]
TIER_WEIGHTS = [2, 5, 3, 1]

# --- recommendation clauses -------------------------------------------------------------------
# A clause is VERB + OBJECT (+ QUALIFIER). Verbs are written as the report does, lower case
# after the first clause.
VERBS = [
    "increase efforts to", "continue to", "significantly increase efforts to", "work to",
    "take steps to", "vigorously", "strengthen efforts to", "make efforts to",
    "establish a mechanism to", "allocate sufficient resources to", "develop and implement a plan to",
    "intensify efforts to", "ensure authorities", "train officials to", "expand efforts to",
    "adopt and implement procedures to", "consistently", "proactively", "systematically",
    "dedicate funding to", "enact legislation to", "seek to", "improve efforts to",
    "direct law enforcement to", "partner with NGOs to",
]
OBJECTS = [
    "investigate and prosecute trafficking offenses, including labor trafficking",
    "convict and punish trafficking offenders, including complicit officials, with adequate jail terms",
    "identify foreign victims of both forced prostitution and forced labor",
    "screen vulnerable populations, including migrants, refugees and people in commercial sex, for trafficking indicators",
    "refer identified victims to care and provide them with shelter, medical, psychological and legal assistance",
    "investigate and prosecute government officials suspected of complicity in trafficking",
    "increase funding for NGO-run shelters and victim assistance programs",
    "ensure victims are not penalized for unlawful acts traffickers compelled them to commit",
    "provide legal alternatives to the removal of foreign victims to countries where they face retribution or hardship",
    "train police, prosecutors and judges to investigate, prosecute and adjudicate trafficking cases",
    "amend the anti-trafficking law to criminalize all forms of sex trafficking and labor trafficking",
    "prevent the use of forced labor during the cotton and tobacco harvests",
    "conduct awareness campaigns aimed at reducing the demand for commercial sex acts and forced labor",
    "regulate and monitor labor recruitment agencies and eliminate recruitment fees charged to workers",
    "strengthen labor inspections in high-risk sectors such as agriculture, construction, fishing and domestic work",
    "implement the national action plan to combat trafficking and allocate resources for it",
    "collect and publish comprehensive data on investigations, prosecutions, convictions and victims identified",
    "encourage victims to participate in investigations and prosecutions by offering witness protection",
    "establish formal procedures for the proactive identification of victims among at-risk groups",
    "expand the capacity of the anti-trafficking hotline and advertise it in languages spoken by migrant workers",
    "improve coordination between law enforcement agencies and civil society on victim referral",
    "provide specialized services for child victims, including appropriate shelter and reintegration support",
    "reform the sponsorship system so that migrant workers may change employers and leave the country freely",
    "cease the practice of detaining and deporting trafficking victims without screening",
    "increase the number of labor inspectors and give them authority to inspect private homes employing domestic workers",
    "cooperate with foreign governments on joint investigations of transnational trafficking cases",
    "ensure child soldiers are demobilized and referred to rehabilitation services",
    "investigate allegations of forced labor in state-run or state-sponsored programs",
    "increase the availability of long-term shelter for adult male victims",
    "provide trafficking victims with access to compensation and restitution",
    "train diplomatic personnel on preventing and addressing trafficking by domestic workers in their households",
    "raise awareness among tourists and the travel industry of child sex tourism",
    "issue implementing regulations for the anti-trafficking law",
    "fund and support the national anti-trafficking commission and its regional committees",
    "ensure that sentences for convicted traffickers are not suspended or commuted to fines",
    "screen children in street situations and begging for indicators of forced labor",
    "criminalize the confiscation of workers' passports by employers and enforce the prohibition",
    "dedicate prosecutors and judges to trafficking cases to reduce delays in court proceedings",
    "institutionalize anti-trafficking training for border guards and immigration officers",
    "monitor the use of forced labor in the supply chains of government procurement",
]
QUALIFIERS = [
    "", "", "", "", "",
    ", including in rural areas",
    ", in partnership with civil society",
    ", particularly in the {region} region",
    ", including through expanded training of police officers and government officials",
    " in line with international standards",
    ", with dedicated funding in the national budget",
    ", including among domestic workers",
    " in accordance with the 2000 UN TIP Protocol",
    ", especially for victims of forced labor",
    ", including in the fishing and construction sectors",
]

REGIONS = ["northern", "southern", "eastern", "western", "central", "border", "coastal", "capital"]

# --- narrative prose --------------------------------------------------------------------------
INTRO_SENTENCES = [
    "As reported over the past five years, {country} is a source, transit and destination country for men, women and children subjected to forced labor and sex trafficking.",
    "Traffickers exploit domestic and foreign victims in {country}, and traffickers exploit victims from {country} abroad.",
    "Women and girls from {n1}, {n2} and {n3} are subjected to sex trafficking in {country}, often after being recruited with fraudulent offers of employment as waitresses, dancers or domestic workers.",
    "Men from {n1} and {n2} are subjected to forced labor in construction, agriculture, fishing and mining, where employers withhold wages and confiscate identity documents.",
    "Children from rural areas are subjected to forced begging and domestic servitude in urban centers, and some are exploited in commercial sex in the {region} region.",
    "Traffickers increasingly use social media and online advertisements to recruit victims, including through fraudulent job offers abroad.",
    "Migrant workers who pay high recruitment fees in their home countries are vulnerable to debt bondage upon arrival.",
    "Observers report that corruption among some police and border officials facilitates trafficking, and some officials reportedly accept bribes to ignore exploitation.",
    "Refugees and asylum-seekers, particularly those from {n1}, are highly vulnerable to both sex trafficking and forced labor.",
    "NGOs estimate that several thousand people may be in situations of forced labor in the country, although the government has not conducted a comprehensive study.",
    "Victims from {country} have been identified in {n1}, {n2}, {n3} and the Middle East.",
    "Some children are forced to work in the harvest of cotton, tobacco and other crops, and some are compelled to work as porters in markets.",
]
GOV_SENTENCES = {
    "Tier 1": "The Government of {country} fully meets the minimum standards for the elimination of trafficking.",
    "Tier 2": "The Government of {country} does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so.",
    "Tier 2 Watch List": "The Government of {country} does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so; however, it did not demonstrate increasing efforts compared to the previous reporting period.",
    "Tier 3": "The Government of {country} does not fully meet the minimum standards for the elimination of trafficking and is not making significant efforts to do so.",
}
GOV_MORE = [
    "The government increased investigations and prosecutions, and convicted more traffickers than in the previous year.",
    "It identified more victims, adopted a new national action plan and increased funding for victim services.",
    "However, the government did not proactively screen vulnerable populations for trafficking indicators, and officials continued to penalize some victims for unlawful acts traffickers compelled them to commit.",
    "Official complicity in trafficking crimes remained a significant concern, yet the government did not report investigating or prosecuting any complicit officials.",
    "Victim services remained inadequate, particularly for male victims and victims of labor trafficking, and the government relied heavily on NGOs and international organizations to provide them.",
    "The government did not consistently apply its victim identification procedures, and many victims were likely deported without being identified.",
]
PROSECUTION_SENTENCES = [
    "The government {trend} law enforcement efforts.",
    "The penal code criminalizes sex trafficking and labor trafficking and prescribes penalties of {a} to {b} years' imprisonment, which are sufficiently stringent and, with respect to sex trafficking, commensurate with those prescribed for other serious crimes, such as rape.",
    "In {prev}, authorities investigated {inv} trafficking cases, compared with {inv2} in {prev2}.",
    "Prosecutors initiated prosecutions against {pros} alleged traffickers, and courts convicted {conv} traffickers, compared with {conv2} convictions the previous year.",
    "Sentences ranged from {s1} to {s2} years' imprisonment, although courts suspended the sentences of {susp} convicted traffickers.",
    "The government did not report any investigations, prosecutions or convictions of government employees complicit in trafficking offenses, despite continued reports of corruption among border and police officials.",
    "The police, in cooperation with international organizations, trained {trained} officers on investigation techniques and victim identification.",
    "Authorities cooperated with counterparts in {n1} and {n2} on {joint} joint investigations.",
    "Observers noted that law enforcement frequently investigated trafficking cases under lesser offenses, such as pimping or labor code violations, which carry lighter penalties.",
    "A lack of resources, high turnover among investigators and judicial delays hampered the prosecution of trafficking cases.",
    "The anti-trafficking unit of the national police remained understaffed and lacked vehicles and equipment for operations outside the capital.",
    "Courts often relied solely on victim testimony, and cases frequently collapsed when victims declined to testify for fear of retaliation.",
]
PROTECTION_SENTENCES = [
    "The government {trend} efforts to protect victims.",
    "Authorities identified {vic} victims in {prev}, including {lab} victims of forced labor and {child} children, compared with {vic2} victims identified in {prev2}.",
    "The government provided funding of approximately {money} for shelter, food, medical care, psychological counseling and legal assistance for victims.",
    "NGO-run shelters assisted {sheltered} victims, and the government fully funded one shelter in the capital and partially funded others in the {region} region.",
    "Adult victims were permitted to leave shelters freely, but some child victims were held in juvenile detention facilities until their cases were resolved.",
    "The law allows foreign victims to remain in the country for the duration of criminal proceedings, but temporary residence status did not allow victims to work.",
    "The government did not offer foreign victims legal alternatives to their removal to countries where they might face hardship or retribution.",
    "Some victims were penalized for immigration violations and prostitution offenses committed as a direct result of being trafficked.",
    "Authorities had formal procedures for identifying victims among vulnerable groups, but officials did not apply them consistently and NGOs identified most victims.",
    "Victims could seek compensation through civil suits, although none did so during the reporting period.",
    "The government provided repatriation assistance to {rep} citizens identified as victims abroad.",
    "Services for male victims and for victims of labor trafficking remained limited, and there was no shelter dedicated to male victims.",
]
PREVENTION_SENTENCES = [
    "The government {trend} prevention efforts.",
    "The national anti-trafficking commission met {meet} times during the reporting period and coordinated the work of ministries and NGOs.",
    "The government implemented its national action plan for {prev} to {next}, allocating approximately {money} for its implementation.",
    "Authorities conducted awareness campaigns in schools, on public transportation and on social media, reaching an estimated {reach} people.",
    "The government operated a hotline for trafficking victims, which received {calls} calls, some of which led to investigations.",
    "Labor inspectors conducted {insp} inspections in high-risk sectors, although they did not identify any cases of forced labor.",
    "The government did not make efforts to reduce the demand for commercial sex acts.",
    "The government provided anti-trafficking training for its diplomatic personnel.",
    "Authorities did not effectively regulate labor recruitment agencies, and workers continued to pay high recruitment fees.",
    "The government published a report on its anti-trafficking efforts and made it available to the public.",
    "The government provided in-kind contributions for a program designed to reduce demand for child sex tourism.",
]
TRENDS = ["increased", "maintained", "decreased", "made modest progress in", "slightly increased", "demonstrated uneven"]


def prose_name(name: str) -> str:
    """"Korea, South" -> "South Korea", "Congo, Republic of the" -> "the Republic of the Congo"."""
    if ", " not in name:
        return name
    base, qualifier = name.split(", ", 1)
    if qualifier.endswith(" of"):
        return base
    if qualifier.endswith(" of the"):
        return f"the {qualifier} {base}"
    return f"{qualifier} {base}"


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def numbers(rng: random.Random, year: int, country: str) -> dict[str, object]:
    return {
        "country": country, "region": rng.choice(REGIONS),
        "prev": year - 1, "prev2": year - 2, "next": year + 3, "trend": rng.choice(TRENDS),
        "a": rng.choice([2, 3, 4, 5]), "b": rng.choice([8, 10, 12, 15, 20]),
        "inv": rng.randint(0, 150), "inv2": rng.randint(0, 150), "pros": rng.randint(0, 90),
        "conv": rng.randint(0, 60), "conv2": rng.randint(0, 60), "s1": rng.randint(1, 4),
        "s2": rng.randint(5, 15), "susp": rng.randint(0, 8), "trained": rng.randint(20, 900),
        "joint": rng.randint(2, 6), "vic": rng.randint(5, 900), "vic2": rng.randint(5, 900),
        "lab": rng.randint(0, 300), "child": rng.randint(0, 200),
        "money": f"${rng.randint(20, 2500) * 1000:,}", "sheltered": rng.randint(3, 400),
        "rep": rng.randint(0, 120), "meet": rng.randint(1, 12),
        "reach": f"{rng.randint(5, 900) * 1000:,}", "calls": rng.randint(30, 6000),
        "insp": rng.randint(10, 4000),
    }


def section(rng: random.Random, pool: list[str], values: dict, others: list[str], drop: int = 2,
            first: str | None = None) -> list[str]:
    """A section as two paragraphs: pool[0] (or first) leads, then the rest of the pool shuffled,
    less up to `drop` sentences, each sentence used once. Foreign countries are drawn anew for
    every sentence."""
    lead = first if first is not None else pool[0]
    rest = pool[1:] if first is None else pool
    rest = rng.sample(rest, len(rest) - rng.randint(0, drop))
    sentences = []
    for template in [lead, *rest]:
        n1, n2, n3 = rng.sample(others, 3)
        sentences.append(template.format(**{**values, "n1": n1, "n2": n2, "n3": n3}))
    cut = rng.randint(len(sentences) // 2, len(sentences) - 2)
    return [" ".join(sentences[:cut]), " ".join(sentences[cut:])]


def clauses(rng: random.Random, n: int, values: dict) -> list[str]:
    """n distinct recommendation clauses: distinct objects, each with a random verb and qualifier."""
    out = [
        f"{rng.choice(VERBS)} {obj}{rng.choice(QUALIFIERS).format(**values)}"
        for obj in rng.sample(OBJECTS, n)
    ]
    out[0] = out[0][0].upper() + out[0][1:]
    return out


def narrative(rng: random.Random, country: str, year: int, n: int, others: list[str]) -> str:
    values = numbers(rng, year, prose_name(country))
    tier = rng.choices(TIERS, TIER_WEIGHTS)[0]
    items = clauses(rng, n, values)
    block = "; ".join(items[:-1]) + "; and " + items[-1] + "."
    intro = section(rng, INTRO_SENTENCES, values, others, drop=3)
    gov = section(rng, GOV_MORE, values, others, drop=1, first=GOV_SENTENCES[tier])
    parts = [
        f"Trafficking in Persons Report {year}",
        f"{country.upper()} ({tier})",
        *intro,
        " ".join(gov),
        f"Recommendations for {prose_name(country)}: {block}",
        "Prosecution",
        *section(rng, PROSECUTION_SENTENCES, values, others),
        "Protection",
        *section(rng, PROTECTION_SENTENCES, values, others),
        "Prevention",
        *section(rng, PREVENTION_SENTENCES, values, others),
    ]
    return "\n\n".join(parts) + "\n"


def counts_for(rng: random.Random, keys: list[tuple[str, int]], total: int, fixed: dict) -> dict:
    """6..20 recommendations per narrative (mode near 13), adjusted to sum to exactly total."""
    lo, hi = 6, 20
    counts = {k: fixed.get(k, max(lo, min(hi, round(rng.triangular(lo, hi, 13))))) for k in keys}
    adjustable = [k for k in keys if k not in fixed]
    if not len(keys) * lo <= total <= len(keys) * hi:
        sys.exit(f"cannot reach {total} with {len(keys)} narratives of {lo} to {hi} recommendations")
    diff = total - sum(counts.values())
    while diff:
        k = rng.choice(adjustable)
        step = 1 if diff > 0 else -1
        if lo <= counts[k] + step <= hi:
            counts[k] += step
            diff -= step
    return counts


# --- whole reports ----------------------------------------------------------------------------
# More prose, so that a narrative of a whole report reaches the length of a real one (about 16 KB)
# without repeating itself much. None of it says "should" or "recommendations for": in the
# introduction of a 2005-2007 narrative, those mark the recommendations.
MORE_INTRO = [
    "Foreign workers in the domestic service sector are particularly vulnerable, as the labor law does not fully cover them and employers often restrict their movement.",
    "Traffickers target internally displaced persons and members of ethnic minority groups, luring them with promises of well-paid work in the capital.",
    "Some parents send their children to live with relatives or acquaintances in cities, where some are exploited in domestic servitude or street vending.",
    "Men from {country} are subjected to forced labor on fishing vessels in the waters of {n1} and {n2}, where they are held at sea for months at a time.",
    "Women from {country} travel to {n1} and {n2} on tourist visas for work in restaurants and hotels, and some are subsequently exploited in commercial sex.",
    "Traffickers often are family members, neighbors or acquaintances of the victims, and a growing number operate in loosely organized networks across borders.",
    "Criminal groups force some children, including children with disabilities, to beg or to sell goods on the streets of major cities.",
    "Seasonal agricultural workers, including those from neighboring countries, face deceptive recruitment, excessive working hours and the withholding of wages.",
]
MORE_GOV = [
    "These efforts included prosecuting more suspected traffickers, funding victim assistance in the {region} region and training more front-line officials.",
    "The government also passed amendments to its labor code that increased protections for domestic workers.",
    "Authorities established a new specialized unit to investigate trafficking crimes and assigned additional prosecutors to trafficking cases.",
    "Government funding for victim services remained insufficient, and the government did not adopt formal procedures to refer victims to care.",
    "The government did not report efforts to address forced labor in its own supply chains or among its own contractors.",
    "Courts continued to issue lenient sentences for trafficking convictions, which weakened deterrence and undercut efforts to protect victims.",
]
MORE_PROSECUTION = [
    "The government did not report the number of investigations it initiated under other statutes that may have involved trafficking crimes.",
    "Of the {conv} convicted traffickers, most received prison sentences of more than {s1} years, while others received fines or suspended sentences.",
    "In one case, a court in the {region} region convicted {joint} defendants for the forced labor of {vic2} workers at a brick kiln and sentenced them to {s2} years' imprisonment.",
    "Prosecutors reported that the requirement to prove force, fraud or coercion in child sex trafficking cases impeded several prosecutions.",
    "The Ministry of Justice, with support from an international organization, developed a handbook for prosecutors on building trafficking cases without relying solely on victim testimony.",
    "Authorities extradited {joint} suspected traffickers to {n1} and received {s1} suspects extradited from {n2}.",
    "Police conducted {inv2} raids on commercial sex establishments but did not systematically screen the individuals found there for trafficking indicators.",
    "Law enforcement officials reported difficulties investigating online recruitment and the financial flows connected to trafficking networks.",
    "The government continued to investigate a former official accused of facilitating the travel of trafficking victims, but the case remained pending at the end of {prev}.",
    "Judges reportedly lacked familiarity with the anti-trafficking law, and some cases were reclassified as lesser offenses during trial.",
]
MORE_PROTECTION = [
    "The Ministry of Social Affairs operated {meet} shelters for women and children, which provided accommodation for up to {s2} months.",
    "Officials referred {sheltered} victims to care facilities, compared with {rep} in the previous reporting period.",
    "NGOs reported that police officers in some regions did not recognize indicators of forced labor and treated victims as irregular migrants.",
    "The government did not provide specialized services for victims with disabilities or for victims who identified as LGBTQI+.",
    "Foreign victims who cooperated with law enforcement were eligible for temporary residence permits, and the government issued {s1} such permits during the year.",
    "Authorities allowed victims to testify via video link and provided interpreters for foreign victims during court proceedings.",
    "Government-funded legal aid was available to victims, but many did not know how to access it and NGOs provided most legal assistance.",
    "Some shelters lacked staff trained to assist trafficking victims and had limited capacity for long-term psychological care.",
    "The government repatriated {rep} foreign victims to their countries of origin in cooperation with an international organization.",
    "Consular officers in {n1} and {n2} assisted citizens who had been exploited abroad and arranged their safe return.",
]
MORE_PREVENTION = [
    "The national coordinator's office remained understaffed, which limited its ability to monitor the implementation of the action plan.",
    "The government trained {trained} labor inspectors, border guards and consular officials on indicators of trafficking.",
    "Authorities signed a memorandum of understanding with {n1} to protect the rights of migrant workers during recruitment and employment.",
    "The government amended its regulations to hold employers liable for recruitment fees charged to foreign workers.",
    "Local governments in the {region} region organized information sessions for students and parents on the risks of fraudulent job offers.",
    "The government did not have a mechanism to monitor the labor practices of companies that supply goods to government agencies.",
    "Birth registration remained incomplete in rural areas, which left some children without identity documents and vulnerable to exploitation.",
    "The government published research on the prevalence of forced labor in the {region} region in cooperation with a university.",
]
HEADING_TIER = {"Tier 1": "Tier 1", "Tier 2": "Tier 2", "Tier 2 Watch List": "Tier 2 Watch List",
                "Tier 3": "Tier 3"}
# A 2019+ item may hold semicolons of its own ("in agriculture; the fishing ...; and ...").
ITEM_SEMICOLON_QUALIFIERS = [
    " in high-risk sectors, including agriculture; the fishing, logging and mining industries; and domestic work",
    " among vulnerable groups, including migrant workers; refugees and asylum-seekers; and children in institutional care",
]


def era(year: int) -> str:
    if year <= 2007:
        return "prose"
    if year <= 2012:
        return "recommendations-for"
    if year <= 2018:
        return "caps"
    return "prioritized"


def wrap(text: str, width: int) -> list[str]:
    """Greedy hard wrap at spaces, as a PDF's lines are."""
    lines, current, length = [], [], 0
    for word in text.split(" "):
        if current and length + 1 + len(word) > width:
            lines.append(" ".join(current))
            current, length = [word], len(word)
        else:
            length += len(word) + (1 if current else 0)
            current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


class Pdf:
    """The text of a report as pdftotext writes it: wrapped paragraphs separated by blank lines,
    and at each page break (only ever between paragraphs) the running furniture."""

    def __init__(self, year: int, width: int, page_chars: int, first_page: int):
        self.lines: list[str] = []
        self.width, self.page_chars, self.page = width, page_chars, first_page
        self.year = year
        self.on_page = 0
        self.breakable = False  # False right after a heading: a page never breaks there
        self.pages = 0

    def heading(self, line: str) -> None:
        self.lines += [line, ""]
        self.on_page += len(line)
        self.breakable = False

    def block(self, lines: list[str]) -> None:
        """Lines kept as they are (a list item per line), then a blank line."""
        self.lines += [*lines, ""]
        self.on_page += sum(len(line) for line in lines)
        self.breakable = True

    def paragraph(self, text: str, prefix: str = "") -> None:
        self.block(wrap(prefix + text, self.width))

    def page_break_here(self) -> None:
        """Called before a paragraph or heading: breaks the page if it is full."""
        if not self.breakable or self.on_page < self.page_chars:
            return
        # Footer of this page, then the running header of the next one (blank lines as pdftotext
        # writes them around blocks).
        self.lines += [str(self.page), ""]
        self.page += 1
        if self.page % 2 == 0:
            self.lines += ["TRAFFICKING IN PERSONS REPORT", ""]
        else:
            self.lines += [f"JUNE {self.year}", ""]
        self.on_page = 0
        self.pages += 1

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


def cycle_sentences(rng: random.Random, pool: list[str], values: dict, others: list[str]):
    """Sentences of a pool in shuffled order, reshuffled whenever it runs out; each with fresh
    foreign countries."""
    recent: list[str] = []
    while True:
        order = rng.sample(pool, len(pool))
        # Sentences used near the end of the last round go last in this one: no repeats close by.
        order.sort(key=lambda template: template in recent[-(len(pool) // 2):])
        for template in order:
            n1, n2, n3 = rng.sample(others, 3)
            recent.append(template)
            yield template.format(**{**values, "n1": n1, "n2": n2, "n3": n3})


def fill(rng: random.Random, pool: list[str], values: dict, others: list[str], budget: int,
         first: str | None = None) -> list[str]:
    """Paragraphs of 3 to 7 sentences, until about `budget` characters (at least one paragraph)."""
    sentences = cycle_sentences(rng, pool, values, others)
    paragraphs, used = [], 0
    pending = [first] if first else []
    while not paragraphs or used < budget:
        k = rng.randint(3, 7)
        para = pending + [next(sentences) for _ in range(k - len(pending))]
        pending = []
        text = " ".join(para)
        paragraphs.append(text)
        used += len(text) + 1
    return paragraphs


def whole_clauses(rng: random.Random, n: int, values: dict, era_name: str) -> list[str]:
    """n distinct clauses in lower case (verb first), for any era's list."""
    out = []
    for obj in rng.sample(OBJECTS, n):
        qualifier = rng.choice(QUALIFIERS).format(**values)
        if era_name == "prioritized" and rng.random() < 0.1:
            qualifier = rng.choice(ITEM_SEMICOLON_QUALIFIERS)
        out.append(f"{rng.choice(VERBS)} {obj}{qualifier}")
    return out


def capitalized(text: str) -> str:
    return text[0].upper() + text[1:]


def semicolon_list(items: list[str]) -> str:
    if len(items) == 1:
        return items[0] + "."
    return "; ".join(items[:-1]) + "; and " + items[-1] + "."


def prose_recommendations(rng: random.Random, items: list[str]) -> tuple[list[str], list[str]]:
    """2005-2007: "The government should: a; b; and c." or one "should" sentence per item. Returns
    the sentences, and the recommendations an importer should find in them: the clauses of the
    list, or each sentence whole without its full stop."""
    if len(items) > 5 or rng.random() < 0.3:
        return ["The government should: " + semicolon_list(items)], list(items)
    openers = ["It should also", "In addition, the government should", "The government should also",
               "It should"]
    sentences = [f"The government should {items[0]}."]
    for item in items[1:]:
        sentences.append(f"{rng.choice(openers)} {item}.")
    return sentences, [sentence[:-1] for sentence in sentences]


def whole_narrative(pdf: Pdf, rng: random.Random, country: str, year: int, n: int,
                    others: list[str], budget: int) -> list[str]:
    """Appends one narrative of about `budget` characters with n recommendations to pdf. Returns
    the recommendations as an importer should find them (the list's own punctuation gone)."""
    name = prose_name(country)
    values = numbers(rng, year, name)
    tier = rng.choices(TIERS, TIER_WEIGHTS)[0]
    style = era(year)
    caps = style in ("caps", "prioritized")
    items = whole_clauses(rng, n, values, style)

    # Heading.
    if style == "prioritized":
        pdf.heading(f"{country.upper()}: {HEADING_TIER[tier]}")
    else:
        pdf.heading(f"{country.upper()} ({HEADING_TIER[tier]})")

    # The government's assessment (and, before 2014, the profile first).
    gov_first = GOV_SENTENCES[tier].format(country=name)
    gov = fill(rng, GOV_MORE + MORE_GOV, values, others, budget // 12, first=gov_first)
    if style in ("caps", "prioritized"):
        gov[0] += (f" The government demonstrated overall {rng.choice(['increasing', 'uneven'])} efforts "
                   f"compared to the previous reporting period; therefore {name} remained on {tier}.")
    recs_len = sum(len(i) for i in items) + 40
    rest = max(budget - sum(len(p) for p in gov) - recs_len, 2000)
    shares = {"profile": 0.22, "prosecution": 0.28, "protection": 0.28, "prevention": 0.22}
    profile = fill(rng, INTRO_SENTENCES + MORE_INTRO, values, others, int(rest * shares["profile"]))

    def body_paragraphs(paragraphs: list[str]) -> None:
        for para in paragraphs:
            pdf.page_break_here()
            pdf.paragraph(para)

    if year <= 2013:
        body_paragraphs(profile)
    if style == "prose":
        # The recommendations end the government's paragraph.
        sentences, expected = prose_recommendations(rng, items)
        gov[-1] += " " + " ".join(sentences)
        body_paragraphs(gov)
    else:
        # A list's first clause is capitalized; 2019+ items all are.
        expected = ([capitalized(item) for item in items] if style == "prioritized"
                    else [capitalized(items[0]), *items[1:]])
        body_paragraphs(gov)
        pdf.page_break_here()
        if style == "recommendations-for":
            header = f"Recommendations for {name}:"
            where = rng.random()
            text = capitalized(semicolon_list(items))
            if where < 0.6:
                pdf.paragraph(text, prefix=header + " ")
            elif where < 0.8:
                pdf.lines.append(header)
                pdf.paragraph(text)
            else:
                pdf.heading(header)
                pdf.paragraph(text)
        elif style == "caps":
            header = f"RECOMMENDATIONS FOR {name.upper()}:"
            text = capitalized(semicolon_list(items))
            if rng.random() < 0.5:
                pdf.lines.append(header)
                pdf.paragraph(text)
            else:
                pdf.heading(header)
                pdf.paragraph(text)
        else:
            pdf.heading("PRIORITIZED RECOMMENDATIONS:")
            sentences = [capitalized(item) + "." for item in items]
            if rng.random() < 0.7:
                lines: list[str] = []
                for sentence in sentences:
                    lines += wrap("• " + sentence, pdf.width)
                pdf.block(lines)
            else:
                pdf.paragraph(" • ".join(sentences))

    sections = [
        ("Prosecution", PROSECUTION_SENTENCES + MORE_PROSECUTION, "prosecution"),
        ("Protection", PROTECTION_SENTENCES + MORE_PROTECTION, "protection"),
        ("Prevention", PREVENTION_SENTENCES + MORE_PREVENTION, "prevention"),
    ]
    for title, pool, key in sections:
        paragraphs = fill(rng, pool[1:], values, others, int(rest * shares[key]),
                          first=pool[0].format(**values))
        pdf.page_break_here()
        pdf.heading(title.upper() if caps else title)
        body_paragraphs(paragraphs)
    if year >= 2014:
        pdf.page_break_here()
        pdf.heading("TRAFFICKING PROFILE")
        body_paragraphs(profile)
    return expected


def whole_counts(rng: random.Random, n: int, total: int, style: str) -> list[int]:
    """Recommendations per narrative: n counts summing to exactly total."""
    lo, hi, mode = (2, 14, 6) if style == "prose" else (4, 14, 8)
    if not n * lo <= total <= n * hi:
        sys.exit(f"cannot reach {total} recommendations with {n} narratives of {lo} to {hi}")
    counts = [max(lo, min(hi, round(rng.triangular(lo, hi, mode)))) for _ in range(n)]
    diff = total - sum(counts)
    while diff:
        k = rng.randrange(n)
        step = 1 if diff > 0 else -1
        if lo <= counts[k] + step <= hi:
            counts[k] += step
            diff -= step
    return counts


def whole_report(year: int, narratives: int, recommendations: int, size: int, width: int,
                 page: int, seed: int) -> tuple[str, list[dict]]:
    rng = random.Random(f"{seed}/report/{year}")
    if narratives > len(COUNTRIES):
        sys.exit(f"at most {len(COUNTRIES)} narratives per report")
    chosen = sorted(rng.sample(range(len(COUNTRIES)), narratives))
    countries = [COUNTRIES[i] for i in chosen]
    counts = whole_counts(rng, narratives, recommendations, era(year))
    title = (f"Trafficking in Persons Report {year}" if rng.random() < 0.5
             else f"{year} Trafficking in Persons Report")
    pdf = Pdf(year, width, page, first_page=rng.randint(60, 90))
    pdf.heading(title)
    manifest = []
    for i, (country, n) in enumerate(zip(countries, counts)):
        # Steer each narrative's length so that the file ends near `size` bytes.
        written = sum(len(line) + 1 for line in pdf.lines)  # ASCII apart from a few bullets
        budget = int((size - written) / (narratives - i) * rng.uniform(0.75, 1.25))
        start = len(pdf.lines)
        others = [prose_name(c) for c in COUNTRIES if c != country]
        local = random.Random(f"{seed}/{country}/{year}/whole")
        expected = whole_narrative(pdf, local, country, year, n, others, budget)
        manifest.append({"heading": pdf.lines[start], "recommendations": n, "items": expected})
    return pdf.text(), manifest


def whole_reports(outdir: Path, years: range, narratives: int, recommendations: int, size: int,
                  width: int, page: int, seed: int) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    files = []
    for year in years:
        text, narratives_made = whole_report(year, narratives, recommendations, size, width, page, seed)
        path = outdir / f"tip-report-{year}.txt"
        data = text.encode("utf-8")
        path.write_bytes(data)
        files.append({"file": path.name, "year": year, "layout": era(year), "bytes": len(data),
                      "narratives": len(narratives_made),
                      "recommendations": sum(n["recommendations"] for n in narratives_made),
                      "list": narratives_made})
        print(f"{path.name}: {era(year)} layout, {len(narratives_made)} narratives, "
              f"{files[-1]['recommendations']} recommendations, {len(data) / 1e6:.2f} MB")
    (outdir / "manifest.json").write_text(json.dumps(files, indent=1), encoding="utf-8")
    print(f"generated {len(files)} whole-report files, "
          f"{sum(f['narratives'] for f in files)} narratives, "
          f"{sum(f['recommendations'] for f in files)} recommendations, "
          f"{sum(f['bytes'] for f in files) / 1e6:.1f} MB, in {outdir}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--total", type=int, default=50_000, help="recommendations in all (default 50000)")
    ap.add_argument("--seed", type=int, default=2011)
    ap.add_argument("--whole-reports", action="store_true",
                    help="write one whole-report file per year instead of one file per narrative")
    ap.add_argument("--years", default="2005-2024", help="whole reports: FIRST-LAST (default 2005-2024)")
    ap.add_argument("--narratives", type=int, default=190, help="whole reports: narratives per file")
    ap.add_argument("--recommendations", type=int, default=1500,
                    help="whole reports: recommendations per file")
    ap.add_argument("--size", type=int, default=3_000_000, help="whole reports: bytes per file, about")
    ap.add_argument("--width", type=int, default=100, help="whole reports: hard-wrap width")
    ap.add_argument("--page", type=int, default=6500, help="whole reports: characters per PDF page")
    args = ap.parse_args()

    if args.whole_reports:
        first, _, last = args.years.partition("-")
        years = range(int(first), int(last or first) + 1)
        whole_reports(args.outdir, years, args.narratives, args.recommendations, args.size,
                      args.width, args.page, args.seed)
        return

    rng = random.Random(args.seed)
    keys = [(c, y) for c in COUNTRIES for y in YEARS]
    counts = counts_for(rng, keys, args.total, fixed={("Kazakhstan", 2011): 8})
    args.outdir.mkdir(parents=True, exist_ok=True)
    for country, year in keys:
        # One generator per narrative, so each text depends only on the seed, country and year.
        local = random.Random(f"{args.seed}/{country}/{year}")
        others = [prose_name(c) for c in COUNTRIES if c != country]
        text = narrative(local, country, year, counts[(country, year)], others)
        (args.outdir / f"tip-{year}-{slug(country)}.txt").write_text(text, encoding="utf-8")
    print(f"generated {len(keys)} narratives ({len(COUNTRIES)} countries x {len(YEARS)} years), "
          f"{sum(counts.values())} recommendations, in {args.outdir}")


if __name__ == "__main__":
    main()
