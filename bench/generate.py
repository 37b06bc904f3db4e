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
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--total", type=int, default=50_000, help="recommendations in all (default 50000)")
    ap.add_argument("--seed", type=int, default=2011)
    args = ap.parse_args()

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
