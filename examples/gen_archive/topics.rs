//! What the stories are about. Each beat has storylines — headlines with leads that match
//! them, plus sentences and quotes that only make sense in that storyline — and sentences,
//! quotes, photo titles and captions that fit any story on the beat.
//!
//! Templates hold `{slot}`s that `story` fills (see `Story::slot` for the list). A quote may
//! start with voice letters and a bar (`"OE|…"`): only an official or an expert would say
//! it; untagged quotes fit anyone on the record. A lead that introduces the lead person
//! (`{P0}`) is required when the headline names them (`{S0}`).
//!
//! All sentences are original, written for this generator in wire-service register; none is
//! taken from a real article.

use super::pools::{Beats, CLIMATE, DIPLOMACY, ECONOMY, ENERGY, HEALTH, JUSTICE, LABOUR, POLITICS, TECH, TRADE};

pub struct Topic {
    pub beats: Beats,
    /// How often the beat comes up, relative to the others.
    pub weight: usize,
    pub tags: &'static [&'static str],
    /// Names of reports the story can cite (the year is appended).
    pub reports: &'static [&'static str],
    pub storylines: &'static [Storyline],
    /// Sentences for any story on the beat.
    pub body: &'static [&'static str],
    pub quotes: &'static [&'static str],
    pub subheads: &'static [&'static str],
    pub photo_titles: &'static [&'static str],
    pub captions: &'static [&'static str],
}

/// One kind of story on a beat: "central bank holds rates", "rail strike".
pub struct Storyline {
    pub headlines: &'static [&'static str],
    pub leads: &'static [&'static str],
    pub body: &'static [&'static str],
    pub quotes: &'static [&'static str],
}

/// Sentences that fit any story.
pub const GENERIC_BODY: &[&str] = &[
    "{PO} said in an interview that the government was watching the situation closely.",
    "The announcement was broadcast live on national television.",
    "It was not immediately clear how the measures would be paid for.",
    "{P} did not respond to a request for comment.",
    "The story was first reported by local media on {wday}.",
    "Officials said more details would be announced in the coming days.",
    "A spokesperson for {ministry} confirmed the figures but declined to comment further.",
    "{ngo} called for an independent review.",
    "{POB} is due to travel to {city2} next week for meetings with business leaders.",
    "Critics said the decision had been made without consulting the people most affected.",
    "The issue is likely to dominate debate in parliament in the coming weeks.",
    "A poll published by {institute} last month found that {share} of people supported the plan.",
    "{ministry} said it would publish a full assessment by the end of the year.",
    "Local media reported that the matter had been discussed at a cabinet meeting earlier in the week.",
    "{PO} said the government would set out further details in parliament next week.",
    "Opposition parties said they would table amendments when the proposal comes before parliament.",
    "Officials in {city} said they had not been consulted.",
    "The decision follows months of pressure from business groups and trade unions.",
    "Neither side gave details of how long the process would take.",
    "{PE} said the announcement was a welcome first step but that more would be needed.",
    "It was the {ordinal} time this year that the issue had been raised in parliament.",
    "The government has said it will review the policy in {nextyear}.",
    "A similar plan was shelved in {lastyear} after opposition from regional authorities.",
    "Details were first reported by {paper}.",
    "{ngo} said it was concerned about the impact on low-income families.",
    "Residents in {city} gave the news a mixed reception.",
    "{PO} is expected to brief lawmakers on the matter later this week.",
    "Television footage showed long queues outside government offices in {city}.",
    "{intl} said it was following developments closely.",
    "Officials declined to say how many people would be affected.",
    "{PE} said the numbers showed how much had changed in just a few years.",
    "A government report published in {lastyear} warned that the problem would get worse without action.",
    "Several regional governments have introduced their own measures in the meantime.",
    "{PO} said on social media that the government had acted as quickly as it could.",
    "It is the latest in a series of setbacks for the government, which faces elections in {nextyear}.",
    "Data from {institute} show the trend has been building for several years.",
];

pub const GENERIC_QUOTES: &[&str] = &[
    "OBH|We are taking this very seriously.",
    "OEBH|It is too early to say what the long-term effects will be.",
    "Nobody expected things to move this fast.",
    "OBUH|We will keep working until the job is done.",
    "O|People deserve clear answers, and we intend to give them.",
    "OEU|This is an important step, but it is only the first step.",
];

pub const GENERIC_CAPTIONS: &[&str] = &[
    "{PF} speaks during a meeting in {where}, {when}.",
    "{PF} arrives for talks in {where}, {when}.",
    "{PF} attends a news conference in {where}, {when}.",
    "{PF} gestures while speaking to reporters in {where}, {when}.",
];

pub const TOPICS: &[Topic] = &[
    Topic {
        beats: ECONOMY,
        weight: 14,
        tags: &[
            "economy",
            "inflation",
            "central banks",
            "interest rates",
            "employment",
            "budget",
            "taxes",
            "housing",
        ],
        reports: &["Economic Outlook", "Public Finances Update"],
        storylines: &[
            Storyline {
                headlines: &[
                    "{Cadj} central bank holds rates steady as inflation cools",
                    "{Cadj} central bank keeps rates on hold, signals patience",
                    "{S0} says rate cuts are not yet on the table",
                ],
                leads: &[
                    "{country's} central bank left its main interest rate unchanged on {wday}, saying inflation was easing more slowly than expected and that it was too early to talk about cuts.",
                    "G|{P0} said on {wday} that it was too early to cut interest rates, after {country's} central bank left borrowing costs unchanged for a {ordinal} straight meeting.",
                ],
                body: &[
                    "Economists polled before the decision had expected no change, although a minority had forecast a cut of a quarter of a percentage point.",
                    "The central bank has raised its benchmark rate {n} times since {lastyear} in an effort to bring inflation back toward its target.",
                    "Government bond yields fell after the decision, while the main stock index in {city} ended the day {pct} higher.",
                    "Analysts at {bank} said they now expected the first cut in the spring of {nextyear}.",
                    "Inflation slowed to {pct} in {month}, still above the central bank's target.",
                    "The bank's next policy meeting is scheduled for early next month.",
                ],
                quotes: &[
                    "O|We are not yet at the point where we can declare victory over inflation.",
                    "O|We will do whatever is necessary to keep prices stable, and we will not be rushed.",
                    "O|The labour market is still remarkably tight, and that gives us some room to wait.",
                    "E|Markets had priced this in, so the real question is what the bank says about the months ahead.",
                ],
            },
            Storyline {
                headlines: &[
                    "{country} inflation climbs to {pct}, highest in {n} months",
                    "Food prices push {Cadj} inflation higher",
                ],
                leads: &[
                    "Consumer prices in {country} rose {pct} in {month} from a year earlier, official data showed on {wday}, driven by higher food and energy costs.",
                    "G|{P0} said on {wday} that the government was watching prices closely, after official data showed consumer prices in {country} rising {pct} in {month} from a year earlier.",
                ],
                body: &[
                    "Food prices rose {pct} from a year earlier, the statistics office said, with the biggest increases in vegetables, dairy and bread.",
                    "Core inflation, which strips out volatile food and energy prices, was little changed.",
                    "Some economists say underlying inflation remains stubbornly high even as fuel costs fall.",
                    "Wage growth slowed to {pct} in the three months to {month}, the statistics office said.",
                    "Retail sales fell for a {ordinal} consecutive month in {month}, while consumer confidence dropped to its lowest level since {lastyear}.",
                ],
                quotes: &[
                    "OE|The data show that price pressures are still with us, and we cannot be complacent.",
                    "O|Households are still under pressure, and we have to be careful not to declare victory too early.",
                    "P|Everything costs more than it did a year ago, and my wages have not kept up.",
                    "P|I used to fill a trolley for what one bag of shopping costs now.",
                ],
            },
            Storyline {
                headlines: &[
                    "{Cadj} economy grows faster than expected in {quarter} quarter",
                    "{Cadj} economy beats forecasts as shoppers keep spending",
                ],
                leads: &[
                    "{country's} economy grew {pct} in the {quarter} quarter, beating forecasts, as household spending held up despite higher interest rates, official data showed on {wday}.",
                ],
                body: &[
                    "Household spending rose {pct}, helped by higher wages and a strong labour market.",
                    "Economists had expected growth of about half that rate.",
                    "Investment by businesses was flat, the statistics office said.",
                ],
                quotes: &[
                    "O|The economy has proved more resilient than many people expected.",
                    "E|Consumers are carrying the economy for now, but they cannot do it forever.",
                ],
            },
            Storyline {
                headlines: &[
                    "{bank} cuts {country} growth forecast as exports slow",
                    "Economists warn of slowdown as {Cadj} factory output drops",
                ],
                leads: &[
                    "{bank} cut its forecast for {country's} economic growth this year on {wday}, citing a sharp fall in orders for the country's manufacturers and weaker demand abroad.",
                ],
                body: &[
                    "{bank} said in a note to clients that it now expected growth of {pct} this year, down from an earlier forecast.",
                    "Factory output fell {pct} in {month} from the previous month, the biggest drop since {lastyear}.",
                    "Exports, which account for about half of economic output, have been hurt by weaker demand from the country's main trading partners.",
                    "Investment by businesses fell for a {ordinal} straight quarter.",
                ],
                quotes: &[
                    "EB|Nobody should be surprised that growth is slowing after the sharpest rise in interest rates in a generation.",
                    "EB|Our forecast assumes that energy prices stay where they are, which is a big assumption.",
                ],
            },
            Storyline {
                headlines: &[
                    "{S0} unveils {money} plan to support small businesses",
                    "{Cadj} government offers {money} to struggling small firms",
                ],
                leads: &[
                    "G|{P0} announced a {money} package on {wday} to help small businesses cope with higher borrowing costs, the government's third such measure since {lastyear}.",
                ],
                body: &[
                    "Small businesses have been hit particularly hard, with insolvencies rising {pct} in the first half of the year, according to {statement} from {ministry}.",
                    "The package includes cheap loans, tax deferrals and grants for firms that keep staff on their payroll.",
                    "{institute} estimated in {report} that the measures would add about {pct} to economic output over {n} years.",
                    "Business groups welcomed the measures but said they came too late for many firms.",
                ],
                quotes: &[
                    "O|This package is aimed squarely at the small firms that employ most people in this country.",
                    "B|For a lot of companies, this money will decide whether they survive the winter.",
                ],
            },
            Storyline {
                headlines: &["{S0} defends spending plans amid deficit worries"],
                leads: &[
                    "G|{P0} on {wday} defended the government's spending plans for {nextyear}, rejecting warnings that the budget deficit was growing too fast.",
                ],
                body: &[
                    "The budget deficit is forecast to reach {pct} of economic output this year, above the government's own target.",
                    "Ratings agencies have warned that they could downgrade the country's debt if the deficit keeps growing.",
                    "Spending on pensions and defence accounts for most of the increase.",
                ],
                quotes: &[
                    "O|We will not balance the budget on the backs of working families.",
                    "E|The question is not whether the government should help, but whether it can afford to keep doing so.",
                ],
            },
        ],
        body: &[
            "Mortgage rates have roughly doubled over the past two years, squeezing household budgets and cooling a housing market that had boomed during the pandemic.",
            "Opposition lawmakers accused the government of doing too little, too late, and called for an emergency debate in parliament.",
            "{intl} warned last month that global growth was likely to slow next year as higher interest rates weigh on investment and trade.",
            "{POE} said the labour market remained strong, with unemployment close to a record low and wages rising faster than prices for the first time in {n} years.",
            "The figures were released as the government prepares its budget for {nextyear}, which is expected to include new measures to ease the cost of living.",
            "{PE} said the numbers pointed to a soft landing rather than a recession, but warned that risks remained.",
            "Business groups have urged the government to cut taxes on investment, arguing that firms are holding back spending.",
            "Rents in {city} have risen faster than in any other big city over the past year, according to {institute}.",
            "{PO} told reporters in {city} that the government would not hesitate to act if the economy weakened further.",
            "The statistics office will publish revised figures next month.",
            "Consumer spending accounts for more than half of the country's economic output.",
            "{PE} said the outlook depended heavily on what happens to energy prices over the winter.",
            "The government has promised to bring down the cost of living before the next election.",
            "Households have been drawing on savings built up during the pandemic, but economists say that cushion is shrinking.",
        ],
        quotes: &[
            "OE|The economy is cooling, and that is exactly what we wanted to see.",
            "E|There is still a lot of uncertainty, and the next few months will be decisive.",
            "P|We have stopped going out to eat, and we think twice before every purchase.",
        ],
        subheads: &[
            "Rates on hold",
            "Pressure on households",
            "What economists expect",
            "A fragile recovery",
        ],
        photo_titles: &["Rates decision", "Cost of living", "{S0} in {city}", "Economic outlook"],
        captions: &[
            "{PF} speaks during a news conference on the economy in {where}, {when}.",
            "Shoppers walk past stores in {where}, {when}.",
            "A shopper checks prices at a market in {where}, {when}.",
            "Workers assemble cars on a production line at a plant near {where}, {when}.",
        ],
    },
    Topic {
        beats: ENERGY,
        weight: 10,
        tags: &[
            "energy",
            "oil",
            "natural gas",
            "nuclear power",
            "renewables",
            "electricity",
            "emissions",
        ],
        reports: &["Energy Security Review", "Electricity Market Report"],
        storylines: &[
            Storyline {
                headlines: &[
                    "{company} to cut output as gas prices slump",
                    "{company} scales back {Cadj} gas production",
                ],
                leads: &[
                    "B|{company} said on {wday} it would cut production at {n} of its fields in {country} after a slump in natural gas prices left some operations unprofitable.",
                ],
                body: &[
                    "{company} employs about {big} people in {country} and is one of the country's largest taxpayers.",
                    "Shares in {company} fell {pct} in early trading after the announcement.",
                    "The company said it would keep its largest fields running and review the decision in six months.",
                    "Unions said they feared the cut would lead to job losses in communities that depend on the industry.",
                ],
                quotes: &[
                    "B|The market has changed completely in two years, and we have to change with it.",
                    "U|Our members have kept this industry running through good times and bad, and they deserve better than this.",
                ],
            },
            Storyline {
                headlines: &[
                    "{company} profit jumps on higher oil prices",
                    "{company} posts record profit, faces calls for windfall tax",
                ],
                leads: &[
                    "B|{company} reported a {pct} rise in quarterly profit on {wday}, helped by higher oil prices, and said it would return more money to shareholders.",
                ],
                body: &[
                    "Opposition parties renewed calls for a windfall tax on energy companies after the results were published.",
                    "The company said it would spend about {money} on new projects over the next {n} years, including wind and solar farms.",
                    "Shares in {company} rose {pct} in early trading after the announcement.",
                ],
                quotes: &[
                    "B|We are investing more in the energy transition than at any point in our history.",
                    "O|Companies making record profits should pay their fair share.",
                ],
            },
            Storyline {
                headlines: &[
                    "{country} signs long-term gas deal to shore up winter supplies",
                    "{country} agrees {n}-year gas import deal",
                ],
                leads: &[
                    "G|{country} has agreed a {n}-year deal to import liquefied natural gas, {P0} said on {wday}, as the government races to secure supplies before the winter.",
                ],
                body: &[
                    "The first cargoes are expected to arrive at the terminal near {city} before the end of the year.",
                    "Officials declined to disclose the price agreed in the contract.",
                    "Environmental groups said the deal would lock the country into fossil fuels for decades.",
                ],
                quotes: &[
                    "O|Every unit of gas we do not burn this winter is a unit we will not have to import next year.",
                    "O|This deal gives families and businesses the security they need.",
                ],
            },
            Storyline {
                headlines: &["{S0} says gas storage is nearly full ahead of winter"],
                leads: &[
                    "G|{P0} said on {wday} that {country's} gas storage sites were nearly full, easing fears of shortages during the winter.",
                ],
                body: &[
                    "Gas storage sites were almost full, according to the network operator.",
                    "The government has asked households and businesses to cut gas use compared with previous winters.",
                    "A cold winter could still strain supplies, the network operator warned.",
                ],
                quotes: &["O|We have done everything we can to make sure homes stay warm this winter."],
            },
            Storyline {
                headlines: &[
                    "Power cuts hit {city} as heat wave strains grid",
                    "Heat wave pushes {city} power grid to the limit",
                ],
                leads: &[
                    "Rolling power cuts left parts of {city} without electricity for several hours on {wday} as demand for air conditioning pushed the grid close to its limits.",
                ],
                body: &[
                    "The grid operator said it had asked large industrial users to reduce consumption during the evening peak and warned that further outages were possible.",
                    "Traffic lights failed across the city centre, and several metro lines were suspended.",
                    "Hospitals switched to backup generators, and no patients were affected, officials said.",
                ],
                quotes: &[
                    "B|Our engineers worked through the night, and we expect most customers to have power back by the evening.",
                    "P|The whole street went dark, and nobody told us anything for hours.",
                ],
            },
            Storyline {
                headlines: &["Fire at substation leaves thousands without power in {city}"],
                leads: &[
                    "GM|About {big} homes and businesses in {city} were left without power on {wday} after a fire at a transformer station, {P0} said.",
                ],
                body: &[
                    "Engineers were inspecting the transformer station outside {city}, the utility said.",
                    "The cause of the fire was not immediately known.",
                    "Power had been restored to most homes by the evening.",
                ],
                quotes: &[
                    "B|Our engineers worked through the night, and we expect most customers to have power back by the evening.",
                    "P|The whole street went dark, and nobody told us anything for hours.",
                ],
            },
            Storyline {
                headlines: &[
                    "{S0} defends plan to extend life of nuclear plants",
                    "{Cadj} government to keep nuclear reactors running",
                ],
                leads: &[
                    "G|{P0} on {wday} defended the government's decision to keep the country's nuclear reactors running for another decade, saying it could not afford to lose a reliable source of low-carbon power.",
                ],
                body: &[
                    "The country's {n} reactors supply about {share} of its electricity.",
                    "{PO} said the government had no plans to reopen coal-fired plants but would keep them on standby as a last resort.",
                    "Anti-nuclear groups said they would challenge the decision in court.",
                ],
                quotes: &[
                    "O|This is a bridge, not a destination, and we are clear about that.",
                    "E|Closing the reactors now would mean burning more coal, not less.",
                ],
            },
            Storyline {
                headlines: &[
                    "{S0} opens {money} wind farm off {Cadj} coast",
                    "{country} opens its largest offshore wind farm",
                ],
                leads: &[
                    "G|{P0} opened a {money} offshore wind farm on {wday}, the largest in {country}, saying it would help the country meet its climate targets.",
                ],
                body: &[
                    "The wind farm will be able to supply about {big} homes when it is fully running, the operator said.",
                    "Construction took {n} years and was delayed by a shortage of specialised ships.",
                    "Fishermen's groups have complained that the turbines restrict access to traditional fishing grounds.",
                ],
                quotes: &[
                    "OB|This is what the future of our energy system looks like.",
                    "P|Nobody asked us, and now we have to sail twice as far to fish.",
                ],
            },
        ],
        body: &[
            "Environmental groups criticised the decision, saying the money would be better spent on wind and solar power and on insulating homes.",
            "Households in {country} pay some of the highest electricity prices in the region, and the issue has become a central theme for opposition parties.",
            "{PE} said the country had become too dependent on a handful of suppliers and needed to diversify.",
            "Renewables supplied about {share} of the country's electricity last year, according to {statement} from {ministry}.",
            "Benchmark gas prices have fallen by more than half from the peak they reached in {lastyear}, but they remain well above their long-term average.",
            "{intl} said in its monthly report that global oil demand would rise by about {big} barrels a day next year.",
            "Petrol stations in {city} reported long queues on {wday} as drivers rushed to fill their tanks.",
            "Energy prices have become one of the most sensitive political issues in {country}.",
            "The country imports most of the oil and gas it uses.",
            "{PO} said the government wanted to make the country less dependent on imported fuel.",
            "Investment in new power lines has lagged behind the growth of wind and solar generation.",
            "Industrial users have warned that high energy costs are driving production abroad.",
        ],
        quotes: &[
            "OB|We cannot run an industrial economy on promises; we need power that is there when people switch on the lights.",
            "OEP|Families should not have to choose between heating and eating.",
            "E|The grid was built for a different century, and it shows.",
            "P|Our bill has doubled, and we have already turned the heating down as far as it will go.",
        ],
        subheads: &[
            "Winter supplies",
            "Grid under strain",
            "Shift to renewables",
            "Prices and profits",
        ],
        photo_titles: &["Power station", "Gas terminal", "Wind farm", "{S0} at the plant"],
        captions: &[
            "Steam rises from the cooling towers of a power station near {where}, {when}.",
            "A worker walks past pipes at a gas processing facility run by {company} near {where}, {when}.",
            "Wind turbines stand on a hill outside {where}, {when}.",
        ],
    },
    Topic {
        beats: POLITICS,
        weight: 14,
        tags: &[
            "elections",
            "parliament",
            "political parties",
            "coalitions",
            "budget",
            "protests",
            "local government",
        ],
        reports: &["Voter Attitudes Survey", "Democracy Index"],
        storylines: &[
            Storyline {
                headlines: &[
                    "{party} wins most seats in {Cadj} election but falls short of majority",
                    "{Cadj} election leaves parliament divided",
                    "{S0} claims victory in {Cadj} election",
                ],
                leads: &[
                    "{party} won the most seats in {country's} parliamentary election on {wday} but fell short of a majority, preliminary results showed, setting the stage for weeks of coalition talks.",
                    "L|{P0} claimed victory in {country's} parliamentary election on {wday} after preliminary results showed {party} winning the most seats, though not enough to govern alone.",
                ],
                body: &[
                    "Turnout was {share}, the election commission said, down from the previous vote.",
                    "{party2} came second, according to the preliminary count, and its leaders said they were ready to talk to all parties except the far right.",
                    "Polls had suggested a closer race, and analysts said the result reflected frustration with rising prices and long waiting lists for hospital treatment.",
                    "Final results are expected later this week.",
                    "Observers from {intl} said the vote had been well organised but criticised the lack of balanced coverage on state television.",
                    "Under the constitution, the head of state must ask the leader of the largest party to try to form a government within {n} weeks.",
                ],
                quotes: &[
                    "O|Voters have sent us a clear message, and we intend to listen to it.",
                    "O|We will not enter a coalition at any price.",
                    "O|It was a difficult night for us, and I take full responsibility.",
                    "E|The result shows that voters are not loyal to any party any more.",
                    "P|I voted for change, and I hope this time we actually get it.",
                ],
            },
            Storyline {
                headlines: &["{S0} survives no-confidence vote in {country}"],
                leads: &[
                    "G|{P0} survived a vote of no confidence on {wday} after {num} lawmakers backed the motion, short of the number needed to bring down the government.",
                ],
                body: &[
                    "{PE} said the government's majority had been weakened by defections and that early elections could not be ruled out.",
                    "The governing coalition holds {num} more seats than the opposition in the lower house, according to the parliamentary website.",
                    "Several ministers are expected to lose their posts in a reshuffle, according to two officials who spoke on condition of anonymity because they were not authorised to discuss the matter.",
                ],
                quotes: &[
                    "O|This government has lost the confidence of the people, and it should now lose the confidence of this house.",
                    "O|We have a mandate, and we intend to use it.",
                ],
            },
            Storyline {
                headlines: &["Opposition in {country} calls for early election"],
                leads: &[
                    "L|Opposition parties in {country} called on {wday} for an early election, saying the government had lost its majority after a string of defections, {P0} said.",
                ],
                body: &[
                    "{PE} said early elections could not be ruled out but that the government was likely to hold on for now.",
                    "The governing coalition holds {num} more seats than the opposition in the lower house, according to the parliamentary website.",
                ],
                quotes: &[
                    "O|This government has lost the confidence of the people.",
                    "O|We are ready to govern, and we are ready to face the voters.",
                ],
            },
            Storyline {
                headlines: &["{Cadj} parliament approves budget after marathon debate"],
                leads: &[
                    "Lawmakers in {country} approved the budget for {nextyear} early on {wday} after a debate that lasted more than {n} hours, clearing the way for higher spending on defence and health care.",
                ],
                body: &[
                    "The opposition accused the government of rushing the bill through parliament without proper scrutiny and said it would challenge parts of it in the constitutional court.",
                    "The budget includes tax cuts for low earners and higher spending on roads and rail.",
                ],
                quotes: &["O|The budget protects the most vulnerable while keeping our finances in order."],
            },
            Storyline {
                headlines: &["{Cadj} lawmakers reject pension reform bill"],
                leads: &[
                    "G|Lawmakers in {country} voted down a bill on {wday} that would have raised the retirement age, dealing a blow to {P0}, who had made the reform a priority.",
                ],
                body: &[
                    "The vote came after weeks of protests in {city} and other cities over the proposed change to the pension age.",
                    "{PO} said the government would consider its next steps and talk to all parties.",
                ],
                quotes: &[
                    "O|We are ready to talk to anyone who respects the constitution and the rule of law.",
                    "P|I have worked for forty years, and I should not have to work longer.",
                ],
            },
            Storyline {
                headlines: &[
                    "{S0} launches campaign with promise to cut taxes",
                    "{party} picks {S0} to lead campaign",
                ],
                leads: &[
                    "L|{P0} opened the election campaign in {city} on {wday} with a promise to cut income taxes for middle earners and to hire thousands of new teachers.",
                ],
                body: &[
                    "{PO} told supporters in {city} that voters wanted a government that would deliver on its promises.",
                    "Campaigning is expected to focus on the cost of living, immigration and the state of public services.",
                    "Opinion polls show {party} and {party2} running neck and neck.",
                ],
                quotes: &[
                    "OEP|People are tired of promises; they want to see results in their daily lives.",
                    "O|We will put money back in the pockets of the people who keep this country running.",
                ],
            },
            Storyline {
                headlines: &[
                    "Thousands march in {city} against government reforms",
                    "Protesters rally in {city} over pension changes",
                ],
                leads: &[
                    "Thousands of people marched through central {city} on {wday} to protest against the government's plan to raise the retirement age, in the largest demonstration in the city for years.",
                ],
                body: &[
                    "Police said about {big} people took part, while organisers put the number far higher.",
                    "The march was largely peaceful, although police detained several people after scuffles near parliament.",
                    "Unions have called another day of action for next week.",
                ],
                quotes: &[
                    "P|I have worked for forty years, and now they tell me I have to work longer.",
                    "U|We will be back on the streets every week until the government listens.",
                ],
            },
        ],
        body: &[
            "Turnout in recent elections has fallen steadily, a trend analysts attribute to disillusionment with the main parties.",
            "The next parliamentary election is due in {nextyear}.",
            "{PE} said the government had struggled to explain its reforms to voters.",
            "Regional leaders have warned that the dispute could delay spending on roads and schools.",
            "The governing coalition has been weakened by disputes over spending and migration.",
            "{PE} said voters were increasingly willing to switch between parties from one election to the next.",
            "Parliament's current session ends in {n} weeks.",
            "Opinion polls suggest that support for the governing parties has fallen since the last election.",
            "{PO} said the government would not be distracted by opinion polls.",
            "The country has had {n} governments in the past decade.",
        ],
        quotes: &[
            "O|We were elected to take difficult decisions, and we will take them.",
            "E|The government has a narrow window to get this done before the campaign begins.",
        ],
        subheads: &[
            "Coalition arithmetic",
            "A divided parliament",
            "What happens next",
            "Campaign promises",
        ],
        photo_titles: &[
            "Election night",
            "Vote count",
            "{S0} with supporters",
            "Parliament vote",
        ],
        captions: &[
            "{PF} waves to supporters at a campaign event in {where}, {when}.",
            "Election officials count ballots at a polling station in {where}, {when}.",
            "Lawmakers vote during a session of parliament in {where}, {when}.",
        ],
    },
    Topic {
        beats: DIPLOMACY,
        weight: 12,
        tags: &["diplomacy", "sanctions", "security", "borders", "human rights"],
        reports: &["Regional Security Assessment", "Sanctions Monitor"],
        storylines: &[
            Storyline {
                headlines: &[
                    "{S0} meets {Cadj2} counterpart in {city}",
                    "{country} and {country2} agree to resume border talks",
                    "{Cadj} and {Cadj2} officials discuss border dispute",
                ],
                leads: &[
                    "G|{P0} met {Cadj2} officials in {city} on {wday} and agreed to resume talks on a long-running border dispute, the first such meeting in more than {n} years.",
                ],
                body: &[
                    "The two countries have been at odds for years over fishing rights, visa rules and the treatment of minorities living near the border.",
                    "{PO} said the talks had been frank and that both sides had agreed to set up working groups on trade and security.",
                    "A joint statement issued after the meeting said the two governments would meet again before the end of the year.",
                    "The two sides also discussed the reopening of border crossings closed since {lastyear}.",
                    "{PE} said the meeting was largely symbolic but could open the way for more substantive talks.",
                ],
                quotes: &[
                    "O|We came here to listen, and we have listened; now both sides have to do their homework.",
                    "O|Dialogue is always better than confrontation, but dialogue requires two partners.",
                    "E|Both governments need a success, and that makes an agreement more likely than it was a year ago.",
                    "P|We have family on the other side of the border, and we just want to be able to visit them.",
                ],
            },
            Storyline {
                headlines: &["{country} expels {n} diplomats in spying row"],
                leads: &[
                    "{country} ordered {n} diplomats from {country2} to leave on {wday}, accusing them of activities incompatible with their status, in a sharp escalation of a dispute between the two governments.",
                ],
                body: &[
                    "The foreign ministry in {country2} called the decision unjustified and said it reserved the right to respond.",
                    "Relations between the two countries have deteriorated since {lastyear}.",
                ],
                quotes: &["O|These measures are a response to actions that we cannot accept."],
            },
            Storyline {
                headlines: &["{country} recalls ambassador from {country2}"],
                leads: &[
                    "G|{country} recalled its ambassador from {country2} on {wday} for consultations, {P0} said, after talks between the two governments broke down.",
                ],
                body: &[
                    "The ambassador of {country2} was summoned to the foreign ministry in {city} on {wday} and handed a formal protest note.",
                    "Relations between the two countries have deteriorated since {lastyear}.",
                ],
                quotes: &["O|Our position has not changed, and it will not change because of pressure."],
            },
            Storyline {
                headlines: &["Summit in {city} ends without agreement on aid"],
                leads: &[
                    "GI|Leaders meeting in {city} failed on {wday} to agree on a new aid package, with {P0} saying that differences over how the money should be spent remained too large.",
                ],
                body: &[
                    "Officials said they would try again at a meeting next month.",
                    "Aid agencies said the delay would hurt the people who most needed help.",
                ],
                quotes: &["O|We have made progress, but there is still a long way to go."],
            },
            Storyline {
                headlines: &["{intl} calls for ceasefire as fighting spreads"],
                leads: &[
                    "{intl} called on {wday} for an immediate ceasefire as fighting spread to towns near the border, forcing thousands of people to flee their homes.",
                ],
                body: &[
                    "{intl} has repeatedly called for restraint and offered to mediate.",
                    "Aid agencies said food and medicine were running short in several towns cut off by the fighting.",
                    "Officials in {city} declined to comment on reports that a prisoner exchange was under discussion.",
                ],
                quotes: &[
                    "OE|There can be no lasting peace without justice for the victims.",
                    "P|We left with nothing but the clothes we were wearing.",
                ],
            },
            Storyline {
                headlines: &["{S0} heads to {city2} for talks on sanctions"],
                leads: &[
                    "G|{P0} left for {city2} on {wday} for talks expected to focus on sanctions, trade and the fate of detained nationals.",
                ],
                body: &[
                    "Sanctions imposed in {lastyear} have cut trade between the two countries by about a third, according to customs data.",
                    "{PO} told reporters that the door to dialogue remained open but that any agreement would have to respect international law.",
                    "The visit is the first by a senior {Cadj} official since relations soured in {lastyear}.",
                ],
                quotes: &["E|Sanctions take time to work, and patience is not a quality politicians are known for."],
            },
            Storyline {
                headlines: &["{country} and {country2} sign security pact"],
                leads: &[
                    "G|{country} and {country2} signed a security agreement on {wday} that commits them to share intelligence and hold joint military exercises, {P0} said.",
                ],
                body: &[
                    "Trade between the two countries was worth about {money} last year, according to official figures.",
                    "The agreement still has to be ratified by both parliaments.",
                ],
                quotes: &["O|This agreement makes both our countries safer."],
            },
        ],
        body: &[
            "Analysts said neither side was likely to make major concessions before elections due next year.",
            "The talks were held behind closed doors, and no journalists were allowed in.",
            "{PE} said regional powers were watching the talks closely.",
            "The foreign ministry did not comment on the details of the discussions.",
            "Relations between the two countries have swung between cooperation and confrontation over the past decade.",
            "{PO} said the government would keep its allies informed.",
            "Diplomats said privately that expectations for a breakthrough were low.",
            "{intl} has offered to host further talks.",
            "{PE} said domestic politics on both sides made compromise difficult.",
        ],
        quotes: &[
            "O|We want good relations with all our neighbours.",
            "E|Diplomacy is slow, but the alternatives are worse.",
        ],
        subheads: &[
            "Years of tension",
            "Sanctions and trade",
            "A cautious welcome",
            "Next steps",
        ],
        photo_titles: &["Talks in {city}", "Handshake", "Summit", "{S0} arrives"],
        captions: &[
            "{PF} shakes hands with a delegation from {country2} before talks in {where}, {when}.",
            "Flags are displayed ahead of a summit in {where}, {when}.",
            "{PF} arrives for a meeting of foreign ministers in {where}, {when}.",
        ],
    },
    Topic {
        beats: HEALTH,
        weight: 9,
        tags: &["health", "hospitals", "vaccines", "pharmaceuticals", "public health"],
        reports: &["State of the Nation's Health", "Hospital Performance Review"],
        storylines: &[
            Storyline {
                headlines: &[
                    "{Cadj} hospitals struggle as flu cases surge",
                    "{Cadj} doctors warn of staff shortages as winter begins",
                ],
                leads: &[
                    "GH|Hospitals across {country} were operating close to full capacity on {wday} as a surge in flu cases added to pressure on emergency departments, {P0} said.",
                ],
                body: &[
                    "At {hospital}, patients waited an average of {num} hours in the emergency department last week, the hospital said.",
                    "Researchers at {university} said in {report} that the number of hospital admissions linked to flu had risen sharply since the start of {month}.",
                    "Rural areas have been hit hardest by the shortage of doctors, with some clinics open only two days a week.",
                ],
                quotes: &[
                    "HU|Our staff are exhausted, and they have been exhausted for a long time.",
                    "H|We are doing our best, but there are simply not enough of us.",
                ],
            },
            Storyline {
                headlines: &[
                    "{S0} announces plan to cut waiting lists",
                    "{S0} promises {money} to cut hospital waiting lists",
                ],
                leads: &[
                    "G|{P0} unveiled a plan on {wday} to cut hospital waiting lists by a third within {n} years, promising {money} in extra funding and thousands of new staff.",
                ],
                body: &[
                    "More than {big} people are waiting for planned operations, according to the latest figures, and about one in {n} has waited longer than a year.",
                    "{POH} said the extra money would be used to open new operating theatres and to pay for evening and weekend clinics.",
                    "Doctors' groups welcomed the funding but said it would not solve a shortage of staff that has built up over a decade.",
                    "The ministry said it would publish waiting time figures for each hospital every month so that patients could compare them.",
                    "Opposition lawmakers said the plan was short on detail and accused the government of neglecting mental health services.",
                ],
                quotes: &[
                    "O|This is the biggest investment in the health service in a generation.",
                    "OEP|Nobody should have to wait a year for an operation.",
                    "P|I have been waiting for my operation for fourteen months, and nobody can tell me when it will happen.",
                ],
            },
            Storyline {
                headlines: &[
                    "{company} wins approval for new diabetes drug in {country}",
                    "{Cadj} regulator approves {company} diabetes treatment",
                ],
                leads: &[
                    "Regulators in {country} approved a new treatment for type 2 diabetes made by {company} on {wday}, clearing the way for the drug to be sold from early next year.",
                ],
                body: &[
                    "The company said trials involving about {big} patients showed the drug lowered blood sugar levels more effectively than existing treatments.",
                    "The price of the treatment has not yet been agreed with the national health insurer.",
                    "Shares in {company} rose {pct} after the announcement.",
                ],
                quotes: &[
                    "BH|The results of the trials are very encouraging, but we will keep monitoring the drug closely.",
                    "E|The real test will be whether patients can afford it.",
                ],
            },
            Storyline {
                headlines: &["{country} launches vaccination drive ahead of winter"],
                leads: &[
                    "{country} began a nationwide vaccination campaign on {wday}, aiming to reach {big} people in the first month, as health officials warned of a difficult winter.",
                ],
                body: &[
                    "Health officials said vaccines were available free of charge at pharmacies and family doctors' offices.",
                    "People over 65 and those with chronic illnesses will be offered appointments first.",
                ],
                quotes: &["OHE|Vaccination remains the best protection we have, especially for older people."],
            },
            Storyline {
                headlines: &[
                    "Measles cases rise in {city} as vaccination rates fall",
                    "{intl} warns of rising measles cases",
                ],
                leads: &[
                    "Health officials in {city} reported {num} new cases of measles on {wday}, the highest weekly figure in years, and urged parents to make sure their children were vaccinated.",
                ],
                body: &[
                    "Vaccination rates among young children in {city} have fallen below {share}, health officials said.",
                    "{intl} has urged countries to step up vaccination after a sharp rise in cases of preventable diseases among children.",
                ],
                quotes: &[
                    "H|We are seeing children in hospital with a disease we thought we had left behind.",
                    "OHE|Vaccination remains the best protection we have.",
                ],
            },
        ],
        body: &[
            "{PE} said the government needed to train more nurses rather than rely on recruitment from abroad.",
            "Nurses in several cities have threatened to strike over pay and staffing levels.",
            "Spending on health has risen faster than the overall budget for the past {n} years.",
            "The health system has struggled to recover from the backlog of treatment built up during the pandemic.",
            "{PH} said staff were working extra shifts to cope with demand.",
            "Patient groups said the government should publish more data on how long people wait for treatment.",
            "Private clinics have reported a rise in demand from patients unwilling to wait.",
            "The country spends about {pct} of its economic output on health care.",
            "{PO} said the government would set out a long-term workforce plan later this year.",
        ],
        quotes: &[
            "H|We are seeing patients who should have been treated months ago.",
            "O|Our health service is there for everyone, and it will stay that way.",
        ],
        subheads: &[
            "Pressure on hospitals",
            "Waiting lists",
            "Staff shortages",
            "Vaccination campaign",
        ],
        photo_titles: &[
            "Emergency department",
            "Vaccination",
            "Hospital ward",
            "{S0} visits hospital",
        ],
        captions: &[
            "A nurse prepares a vaccine at a clinic in {where}, {when}.",
            "Ambulances queue outside {hospital} in {where}, {when}.",
            "{PF} visits a hospital ward in {where}, {when}.",
        ],
    },
    Topic {
        beats: TECH,
        weight: 8,
        tags: &[
            "technology",
            "cybersecurity",
            "artificial intelligence",
            "semiconductors",
            "data protection",
        ],
        reports: &["Cyber Threat Assessment", "Digital Economy Report"],
        storylines: &[
            Storyline {
                headlines: &[
                    "{company} fined {money} over data breach",
                    "{Cadj} regulator fines {company} over data leak",
                ],
                leads: &[
                    "Regulators in {country} fined {company} {money} on {wday} for failing to protect the personal data of millions of customers whose details were exposed in a breach last year.",
                ],
                body: &[
                    "The company said it would appeal the decision and that it had already taken steps to improve its security.",
                    "Consumer groups said the fine was too small to change the behaviour of large technology companies.",
                    "The regulator's investigation will also examine whether the company abused its dominant position in online advertising.",
                ],
                quotes: &[
                    "OE|Companies that collect people's data have a duty to protect it, and this company failed in that duty.",
                    "B|We apologise to our customers and have already made significant changes to our systems.",
                ],
            },
            Storyline {
                headlines: &[
                    "{company} to build {money} chip plant near {city}",
                    "{company} picks {city} for new chip factory",
                ],
                leads: &[
                    "B|{company} said on {wday} it would build a {money} semiconductor plant near {city}, creating about {big} jobs, in one of the largest investments in {country's} history.",
                ],
                body: &[
                    "{POB} said the investment showed that the country could compete for high-tech manufacturing with much larger economies.",
                    "The plant is expected to start production in {futureyear} and will make chips for cars and industrial machinery.",
                    "The government has offered subsidies worth about {money} to attract chip makers, part of a wider effort to reduce dependence on suppliers abroad.",
                ],
                quotes: &[
                    "O|This is a vote of confidence in our workers and our universities.",
                    "B|We chose this location because of the talent here.",
                ],
            },
            Storyline {
                headlines: &[
                    "Cyberattack disrupts services at {Cadj} hospitals",
                    "Hospitals in {country} hit by cyberattack",
                ],
                leads: &[
                    "A cyberattack disrupted computer systems at several hospitals in {country} on {wday}, forcing staff to cancel appointments and divert ambulances, officials said.",
                ],
                body: &[
                    "Investigators said the attack appeared to have been carried out by a criminal group demanding a ransom, and that there was no evidence patient records had been stolen.",
                    "{ministry} said in {statement} that it was working with the national cybersecurity agency to restore systems.",
                    "{PE} said the attack showed how vulnerable public institutions remained despite years of investment.",
                ],
                quotes: &[
                    "OH|Our priority is patient safety, and we are doing everything we can to restore services.",
                    "E|Most attacks still start with someone clicking on a link they should not have clicked on.",
                ],
            },
            Storyline {
                headlines: &["{S0} pushes for rules on artificial intelligence"],
                leads: &[
                    "GI|{P0} called on {wday} for binding rules on the use of artificial intelligence in hiring, policing and health care, saying voluntary codes had failed.",
                ],
                body: &[
                    "{POE} told a conference in {city} that rules were needed to make sure that automated decisions could be explained and challenged.",
                    "Technology companies have lobbied against binding rules, arguing they would slow innovation.",
                ],
                quotes: &[
                    "OE|We cannot leave decisions about people's jobs and freedom to systems that nobody understands.",
                ],
            },
            Storyline {
                headlines: &["{S0} warns of rising online fraud"],
                leads: &[
                    "GJ|{P0} warned on {wday} that online fraud was rising sharply in {country} and urged banks to do more to protect their customers.",
                ],
                body: &[
                    "Online fraud cost consumers in {country} about {money} last year, according to police estimates.",
                    "Most victims were contacted by phone or text message by people posing as bank staff.",
                ],
                quotes: &["P|I lost my savings in one afternoon, and the bank says there is nothing it can do."],
            },
        ],
        body: &[
            "The company was founded in {city} in {lastyear} and employs about {num} people.",
            "The outage lasted about {n} hours and affected customers in at least {num} countries, according to websites that track service disruptions.",
            "Telecom operators will have {n} years to replace the equipment in their networks.",
            "The technology sector accounts for a growing share of the country's exports.",
            "{PE} said regulators were struggling to keep up with the pace of change in the industry.",
            "Several other countries are drawing up similar rules.",
            "Industry groups said they would study the details before commenting.",
            "Spending on cybersecurity has risen sharply across the public sector since {lastyear}.",
            "{PB} said the company was committed to complying with the law in every market where it operates.",
        ],
        quotes: &[
            "OE|The technology is moving faster than the law, and we need to catch up.",
            "B|We take the security of our customers' data extremely seriously.",
        ],
        subheads: &[
            "Data protection",
            "The chip race",
            "Calls for regulation",
            "Restoring services",
        ],
        photo_titles: &["Chip plant", "Data center", "{S0} at conference", "Tech offices"],
        captions: &[
            "Employees work in a clean room at a semiconductor factory run by {company} near {where}, {when}.",
            "The logo of {company} is seen at its headquarters in {where}, {when}.",
            "{PF} speaks at a technology conference in {where}, {when}.",
        ],
    },
    Topic {
        beats: JUSTICE,
        weight: 9,
        tags: &["courts", "corruption", "crime", "human rights", "police"],
        reports: &["Rule of Law Report", "Crime Survey"],
        storylines: &[
            Storyline {
                headlines: &[
                    "Former {Cadj} minister goes on trial on corruption charges",
                    "Corruption trial of former {Cadj} minister opens in {city}",
                ],
                leads: &[
                    "A former government minister went on trial in {city} on {wday} on charges of taking bribes in exchange for public contracts, in one of the most closely watched corruption cases in {country} in years.",
                ],
                body: &[
                    "The defendant denies all the charges, and his lawyers say the case is politically motivated.",
                    "{PO} told the court that the evidence showed a pattern of payments that could not be explained by legitimate business.",
                    "The trial is expected to last several months, and more than {num} witnesses are due to testify.",
                    "If convicted, he faces up to {n} years in prison.",
                ],
                quotes: &[
                    "O|Nobody is above the law, no matter how powerful they are.",
                    "D|My client has always maintained his innocence, and we are confident the court will see that.",
                ],
            },
            Storyline {
                headlines: &["Court in {city} rules ban on protests unlawful"],
                leads: &[
                    "A court in {city} ruled on {wday} that a ban on demonstrations imposed by the city authorities last year was unlawful, a decision welcomed by rights groups.",
                ],
                body: &[
                    "The judges said the authorities had failed to show that the ban was necessary to protect public order.",
                    "{PDE} said outside the courthouse that the ruling was a victory for everyone who believes in the right to protest.",
                    "The city said it would study the ruling before deciding whether to appeal.",
                ],
                quotes: &[
                    "DE|This ruling sends a clear message that fundamental rights cannot be suspended for convenience.",
                    "OB|We will respect the decision of the court, even if we do not agree with it.",
                ],
            },
            Storyline {
                headlines: &["{Cadj} supreme court strikes down surveillance law"],
                leads: &[
                    "{country's} supreme court struck down a law on {wday} that allowed police to monitor phone calls without a warrant, saying it violated the right to privacy.",
                ],
                body: &[
                    "Rights groups, including {ngo}, had argued that the law gave police powers that were far too broad.",
                    "The government said it would study the ruling carefully and could draft a new law that meets the court's concerns.",
                ],
                quotes: &[
                    "E|The courts have shown that they are prepared to stand up to the government.",
                    "OB|We will respect the decision of the court, even if we do not agree with it.",
                ],
            },
            Storyline {
                headlines: &["{Cadj} court orders release of detained journalist"],
                leads: &[
                    "A court in {city} ordered the release on {wday} of a journalist who had been held for {num} days on charges that press freedom groups described as fabricated.",
                ],
                body: &[
                    "Press freedom groups have criticised the authorities for the way they handle cases involving journalists.",
                    "Prosecutors said they would appeal.",
                ],
                quotes: &[
                    "P|We just want him home.",
                    "DE|Journalism is not a crime, and the court has confirmed it.",
                ],
            },
            Storyline {
                headlines: &[
                    "{company} executives charged with fraud",
                    "Prosecutors charge {n} {company} executives with fraud",
                ],
                leads: &[
                    "Prosecutors in {country} charged {n} current and former executives of {company} with fraud on {wday}, accusing them of hiding losses of about {money} from investors.",
                ],
                body: &[
                    "The company said in {statement} that it was cooperating fully with the authorities.",
                    "Shares in {company} have lost more than half their value since the losses came to light.",
                    "The defendants face up to {n} years in prison if convicted.",
                ],
                quotes: &[
                    "O|We followed the money, and the money led us to the people at the top.",
                    "D|My clients acted in good faith and will be cleared.",
                ],
            },
            Storyline {
                headlines: &["Police arrest {n} in {city} over money-laundering scheme"],
                leads: &[
                    "J|Police in {city} arrested {n} people on {wday} in raids linked to a money-laundering network that moved about {money} through shell companies, {P0} said.",
                ],
                body: &[
                    "Investigators seized cash, luxury cars and property worth about {money} during the raids, police said.",
                    "The suspects are due to appear in court later this week.",
                ],
                quotes: &["O|The investigation is continuing, and we do not rule out further arrests."],
            },
            Storyline {
                headlines: &["Police in {city} investigate attack on opposition office"],
                leads: &[
                    "J|Police in {city} were investigating an arson attack on the offices of {party} on {wday}, {P0} said, the {ordinal} attack on a political party in the city this year.",
                ],
                body: &[
                    "Police said they were reviewing security camera footage and appealed to witnesses to come forward.",
                    "Nobody was injured, police said.",
                ],
                quotes: &[
                    "O|The investigation is continuing, and we do not rule out further arrests.",
                    "P|We just want to know the truth about what happened.",
                ],
            },
        ],
        body: &[
            "{PE} said the case would test whether the courts were willing to hold powerful people to account.",
            "The sentence can be appealed within {n} weeks, the court said.",
            "Prosecutors have been given more resources to pursue financial crime over the past {n} years.",
            "The country's courts have a backlog of more than {big} cases, according to the justice ministry.",
            "{PE} said public trust in the justice system had been shaken by a series of scandals.",
            "Reporters were allowed into the courtroom but were not permitted to film.",
            "{PO} said the authorities would not comment on an ongoing case.",
            "Anti-corruption campaigners have long complained that powerful people rarely face trial.",
            "The case has drawn wide attention in local media.",
        ],
        quotes: &[
            "O|The justice system must be seen to work for everyone.",
            "E|This case will be studied in law schools for years.",
        ],
        subheads: &[
            "The charges",
            "Inside the courtroom",
            "Reaction to the ruling",
            "A wider investigation",
        ],
        photo_titles: &["Courthouse", "Trial opens", "Police raid", "{S0} outside court"],
        captions: &[
            "{PF} arrives at the courthouse in {where}, {when}.",
            "Police officers stand guard outside the supreme court in {where}, {when}.",
            "Demonstrators hold placards outside a court in {where}, {when}.",
        ],
    },
    Topic {
        beats: CLIMATE,
        weight: 9,
        tags: &[
            "climate",
            "floods",
            "wildfires",
            "heat waves",
            "drought",
            "storms",
            "emissions",
            "infrastructure",
        ],
        reports: &["Climate Risk Assessment", "State of the Climate"],
        storylines: &[
            Storyline {
                headlines: &[
                    "Floods force thousands from homes in {country}",
                    "{country} declares state of emergency after floods",
                    "Record rainfall in {city} cuts roads and power",
                ],
                leads: &[
                    "Floods caused by days of heavy rain forced more than {big} people from their homes in {country} on {wday}, and at least {n} people were reported dead, officials said.",
                    "G|{P0} declared a state of emergency in {n} regions on {wday} after floods cut off villages, washed away bridges and forced thousands of people from their homes.",
                ],
                body: &[
                    "Rescue teams used boats and helicopters to reach people trapped on rooftops, and the army was deployed to help.",
                    "River levels were expected to peak overnight, and residents of low-lying areas near {city} were told to prepare to leave.",
                    "More rain fell in {city} in two days than usually falls in a month, the weather service said.",
                    "Roads into several villages remained closed on {wday}, and some communities were reachable only by helicopter.",
                    "{PE} said the country's flood defences had been designed for a climate that no longer exists.",
                ],
                quotes: &[
                    "P|The water came so fast that we only had time to take the children and run.",
                    "P|We have lost everything; the house, the car, all our papers.",
                    "O|Everyone who has lost their home will get help, and they will get it quickly.",
                ],
            },
            Storyline {
                headlines: &["Heat wave brings record temperatures to {city}"],
                leads: &[
                    "Temperatures in {city} reached a record {num} degrees Celsius on {wday}, the national weather service said, as a heat wave that has gripped the region for more than a week showed no sign of easing.",
                ],
                body: &[
                    "The weather service issued its highest level of warning for {n} regions and advised people to stay indoors during the hottest part of the day.",
                    "Hospitals reported a rise in admissions of elderly people suffering from heat stroke.",
                ],
                quotes: &["P|I have never seen anything like this in my whole life."],
            },
            Storyline {
                headlines: &["Wildfire near {city} forces evacuations"],
                leads: &[
                    "GM|Firefighters battled a wildfire near {city} on {wday} that forced the evacuation of several villages and destroyed dozens of homes, {P0} said.",
                ],
                body: &[
                    "About {big} hectares of forest have burned so far this year, more than twice the average for the past decade.",
                    "Strong winds were making it difficult to bring the fire under control, firefighters said.",
                ],
                quotes: &[
                    "O|Our firefighters have been working around the clock in extremely difficult conditions.",
                    "P|We saw the flames coming over the hill and just drove.",
                ],
            },
            Storyline {
                headlines: &["{country} pledges to cut emissions by {share} by {futureyear}"],
                leads: &[
                    "G|{country} pledged on {wday} to cut greenhouse gas emissions by {share} by {futureyear} compared with 2005 levels, {P0} said, in a target environmental groups said was not ambitious enough.",
                ],
                body: &[
                    "{ngo} said the target was a step forward but that the government had no credible plan to meet it.",
                    "The country's emissions have fallen by about a fifth since 2005, according to government figures.",
                ],
                quotes: &[
                    "O|This target is the minimum, not the maximum, of what we intend to achieve.",
                    "E|The target is the easy part; the hard part is the next ten years of decisions.",
                ],
            },
            Storyline {
                headlines: &["{S0} unveils plan to phase out coal by {futureyear}"],
                leads: &[
                    "G|{P0} unveiled a plan on {wday} to close all of {country's} coal-fired power plants by {futureyear} and replace them with wind, solar and gas.",
                ],
                body: &[
                    "Coal still generates about {share} of the country's electricity, according to government figures.",
                    "Mining regions will receive about {money} to help workers retrain and to attract new industries.",
                ],
                quotes: &[
                    "O|No region will be left behind.",
                    "U|Our members want to know what they will be doing in ten years, and nobody has told them.",
                ],
            },
            Storyline {
                headlines: &[
                    "Drought threatens harvest as rivers in {country} run low",
                    "Farmers in {country} warn of poor harvest as drought drags on",
                ],
                leads: &[
                    "Farmers in {country} warned on {wday} that a months-long drought could cut the wheat harvest by as much as a third, as river levels fell to their lowest in decades.",
                ],
                body: &[
                    "Barges on the main river were carrying half their usual loads because of low water, shipping companies said.",
                    "Insurers estimated that the damage could cost more than {money}.",
                    "The government said it would let farmers delay tax payments and would speed up compensation.",
                ],
                quotes: &[
                    "P|My father farmed this land and his father before him, and none of them saw a year like this.",
                    "O|We will stand by our farmers.",
                ],
            },
        ],
        body: &[
            "Scientists say climate change is making heat waves, droughts and heavy rainfall more frequent and more intense.",
            "{PO} said the government would release {money} in emergency aid for families who had lost their homes.",
            "Insurers estimated that the damage could cost more than {money}, making it one of the most expensive disasters in the country's history.",
            "Researchers at {university} said in {report} that the number of very hot days had doubled since the 1980s.",
            "The weather service said more extreme weather was likely in the coming days.",
            "{PE} said the country needed to spend far more on adapting to a warmer climate.",
            "Local authorities have been criticised for allowing homes to be built in areas at risk.",
            "The army has been put on standby to help if needed.",
            "Last year was the warmest on record in {country}, according to the weather service.",
            "Emergency services said they had received thousands of calls since the start of the week.",
        ],
        quotes: &[
            "OE|We are living with the consequences of climate change right now, not in some distant future.",
            "E|Events like this used to happen once in a century, and now we see them every few years.",
        ],
        subheads: &[
            "Rescue efforts",
            "Record heat",
            "Counting the cost",
            "A warming climate",
        ],
        photo_titles: &["Flooded streets", "Wildfire", "Heat wave", "Storm damage"],
        captions: &[
            "Residents wade through a flooded street in {where}, {when}.",
            "A firefighter battles a wildfire near {where}, {when}.",
            "People cool off in a fountain in {where}, {when}.",
        ],
    },
    Topic {
        beats: LABOUR,
        weight: 8,
        tags: &[
            "labour",
            "strikes",
            "trade unions",
            "rail",
            "aviation",
            "wages",
            "employment",
        ],
        reports: &["Labour Market Monitor", "Wages and Working Conditions Survey"],
        storylines: &[
            Storyline {
                headlines: &[
                    "Rail strike halts trains across {country}",
                    "Commuters stranded as {Cadj} rail workers walk out",
                ],
                leads: &[
                    "Train services across {country} were halted on {wday} as rail workers walked out in a dispute over pay and working conditions, leaving commuters scrambling for other ways to get to work.",
                ],
                body: &[
                    "Commuters queued for buses and taxis, and traffic on the main roads into {city} was heavier than usual.",
                    "The government has proposed a law requiring minimum service levels during transport strikes, which unions say would undermine the right to strike.",
                    "{PB} said the company had made a fair offer and urged the union to return to the negotiating table.",
                ],
                quotes: &[
                    "U|Nobody wants to strike, but our members have been left with no choice.",
                    "P|I have been waiting here for three hours and nobody can tell me when the next train is.",
                ],
            },
            Storyline {
                headlines: &["{union} calls {n}-day strike over pay"],
                leads: &[
                    "U|{union} called a {n}-day strike on {wday} after talks with employers broke down, saying an offer of a {pct} pay rise fell far short of inflation, {P0} said.",
                ],
                body: &[
                    "The union said more than {big} of its members had voted in favour of strike action, on a turnout of {share}.",
                    "Talks are due to resume next week under the supervision of a government-appointed mediator.",
                ],
                quotes: &[
                    "U|Nobody wants to strike, but our members have been left with no choice.",
                    "BO|We have put a fair offer on the table, and it is time for the union to accept it.",
                ],
            },
            Storyline {
                headlines: &["Airport workers in {city} walk out, stranding travellers"],
                leads: &[
                    "BGM|Hundreds of flights were cancelled at the main airport in {city} on {wday} as ground staff and security workers went on strike, {P0} said.",
                ],
                body: &[
                    "Airlines advised passengers to check the status of their flights before travelling to the airport.",
                    "Long queues formed at check-in desks, and some passengers said they had waited for hours without information.",
                ],
                quotes: &[
                    "P|We have been here since six this morning, and nobody can tell us anything.",
                    "U|Our members keep this airport running, and they deserve to be paid properly for it.",
                ],
            },
            Storyline {
                headlines: &[
                    "{company} to cut {big} jobs in restructuring",
                    "{company} plans to cut {big} jobs",
                ],
                leads: &[
                    "B|{company} said on {wday} it would cut about {big} jobs over the next {n} years as part of a restructuring aimed at saving {money} a year.",
                ],
                body: &[
                    "The job cuts will fall mainly on administrative staff, the company said, and it hopes to make most of them through voluntary departures.",
                    "Shares in {company} rose {pct} after the announcement, as investors welcomed the cost cuts.",
                ],
                quotes: &[
                    "B|These are difficult decisions, but they are necessary to secure the future of the company.",
                    "UP|Workers are tired of being told to tighten their belts while profits keep rising.",
                ],
            },
            Storyline {
                headlines: &["{Cadj} government and unions reach deal on minimum wage"],
                leads: &[
                    "G|The government of {country} and the main trade unions agreed on {wday} to raise the minimum wage by {pct} from January, {P0} said, ending months of negotiations.",
                ],
                body: &[
                    "Employers' groups warned that a higher minimum wage could cost jobs in small businesses.",
                    "{PE} said real wages for the lowest paid had fallen for {n} consecutive years.",
                ],
                quotes: &[
                    "U|The deal protects jobs and gives our members a real pay rise for the first time in years.",
                    "P|I love my job, but I cannot afford to live in the city where I work.",
                ],
            },
            Storyline {
                headlines: &["{S0} proposes four-day week pilot"],
                leads: &[
                    "G|{P0} proposed on {wday} a pilot in which employees at about {num} companies would work four days a week for the same pay.",
                ],
                body: &[
                    "Employers' groups said the idea would not work for small businesses.",
                    "Similar trials abroad found that productivity held up and staff took fewer sick days.",
                ],
                quotes: &[
                    "O|People should not have to choose between a career and a life.",
                    "B|It sounds attractive, but someone has to pay for it.",
                ],
            },
        ],
        body: &[
            "{PU} told a rally outside the offices of {ministry} that workers would not accept another year of falling real wages.",
            "Wages in the sector have risen by less than {pct} a year on average since {lastyear}, according to {institute}.",
            "Union membership has been rising again after decades of decline.",
            "Industrial action has become more frequent as workers try to make up for years of high inflation.",
            "{PB} said the company could not afford the union's demands without raising prices.",
            "The dispute is being watched closely by unions in other sectors.",
            "Unemployment in {country} is close to a record low, giving workers more bargaining power.",
            "Strikes have cost the economy about {money} since the start of the year, according to {institute}.",
            "{PO} said the government would not intervene in pay negotiations between employers and unions.",
        ],
        quotes: &[
            "E|Both sides have dug in, and it may take a mediator to find a way out.",
            "U|We are ready to talk at any time, but not to accept a pay cut.",
        ],
        subheads: &["Travel chaos", "The pay dispute", "Job cuts", "Talks resume"],
        photo_titles: &["Strike", "Picket line", "Empty platform", "{S0} at rally"],
        captions: &[
            "Striking workers gather outside a railway station in {where}, {when}.",
            "Passengers wait at a nearly empty airport terminal in {where}, {when}.",
            "{PF} addresses union members at a rally in {where}, {when}.",
        ],
    },
    Topic {
        beats: TRADE,
        weight: 9,
        tags: &[
            "trade",
            "tariffs",
            "exports",
            "markets",
            "agriculture",
            "shipping",
            "steel",
        ],
        reports: &["Trade and Investment Review", "Export Outlook"],
        storylines: &[
            Storyline {
                headlines: &[
                    "{country} raises tariffs on steel imports from {country2}",
                    "{Cadj} steel tariffs anger {country2}",
                ],
                leads: &[
                    "G|{country} raised tariffs on steel imports from {country2} to {share} on {wday}, saying a flood of cheap metal was threatening thousands of jobs at home, {P0} said.",
                ],
                body: &[
                    "Steel makers in {country} have complained for years that competitors abroad benefit from state subsidies and cheap energy.",
                    "{PO} said the measures were in line with international trade rules and would be reviewed after a year.",
                    "{country2} said it would file a complaint with {intl} and consider its own measures in response.",
                    "{PE} said the dispute was unlikely to escalate because both economies depended heavily on each other.",
                ],
                quotes: &[
                    "O|We believe in open trade, but open trade has to be fair trade.",
                    "O|We will defend our industry against unfair competition.",
                    "E|Tariffs rarely protect jobs for long, and consumers end up paying the bill.",
                ],
            },
            Storyline {
                headlines: &[
                    "{Cadj} exports fall for {ordinal} straight month",
                    "{Cadj} exports slump as demand abroad weakens",
                ],
                leads: &[
                    "{country's} exports fell {pct} in {month} from a year earlier, customs data showed on {wday}, as weaker demand abroad weighed on shipments of machinery and cars.",
                ],
                body: &[
                    "The trade surplus narrowed to {money} in {month}, the smallest in {n} months.",
                    "Analysts had expected a smaller decline, and the data added to concerns that the economy was losing momentum.",
                    "Ships were waiting an average of {n} days to unload at the port, according to the port authority.",
                ],
                quotes: &["EB|The figures are disappointing, but there are signs that orders are starting to pick up."],
            },
            Storyline {
                headlines: &[
                    "{company} shares surge after record quarterly profit",
                    "{company} raises forecast after record quarter",
                ],
                leads: &[
                    "B|Shares in {company} jumped as much as {pct} on {wday} after the company reported a record quarterly profit and raised its forecast for the full year.",
                ],
                body: &[
                    "The company said demand for its products was strong at home but weaker in export markets.",
                    "Analysts said the results were well above expectations.",
                    "The company said it would raise its dividend.",
                ],
                quotes: &["B|We had an exceptional quarter, and we see strong demand continuing into next year."],
            },
            Storyline {
                headlines: &["{country} and {country2} agree to cut tariffs on farm goods"],
                leads: &[
                    "G|{country} and {country2} agreed on {wday} to cut tariffs on a range of farm products, {P0} said, in a deal that could increase trade between the two countries by about {money} a year.",
                ],
                body: &[
                    "Farmers' groups in {country} welcomed the deal, saying it would open a large new market for dairy and meat products.",
                    "Farmers blocked roads near {city} with tractors on {wday}, demanding protection from cheaper imports.",
                ],
                quotes: &[
                    "OB|This deal is good news for farmers on both sides.",
                    "P|We cannot compete with imports that are produced under rules we are not allowed to use.",
                ],
            },
            Storyline {
                headlines: &["{S0} says trade deal with {country2} is within reach"],
                leads: &[
                    "G|{P0} said on {wday} that a trade agreement with {country2} was within reach after negotiators resolved most of the outstanding issues.",
                ],
                body: &[
                    "{PO} told reporters that questions about car imports remained.",
                    "Negotiations began in {lastyear}.",
                ],
                quotes: &["O|We are closer than we have ever been, but we are not there yet."],
            },
        ],
        body: &[
            "Shipping costs have fallen sharply since the peak of the pandemic, but delays at some ports continue to disrupt supply chains.",
            "Exports account for about half of the country's economic output.",
            "{PE} said companies were diversifying their supply chains to reduce their exposure to any single market.",
            "{PB} said companies needed clarity on the rules before making new investments.",
            "The currency weakened against the dollar after the announcement.",
            "Customs data are published monthly and are often revised.",
            "Business groups said exporters were struggling with higher costs for energy and transport.",
            "The country has signed trade agreements with more than {num} countries.",
            "{PO} said the government wanted to open new markets for exporters.",
        ],
        quotes: &[
            "B|Our customers want certainty, and right now nobody can give it to them.",
            "E|Trade is becoming more political, and companies are having to adjust.",
        ],
        subheads: &[
            "Tariffs and jobs",
            "Export slowdown",
            "Market reaction",
            "A deal within reach",
        ],
        photo_titles: &["Container port", "Steel mill", "Trading floor", "{S0} in {city}"],
        captions: &[
            "Containers are stacked at a port in {where}, {when}.",
            "A worker cuts steel at a mill near {where}, {when}.",
            "Traders work on the floor of the stock exchange in {where}, {when}.",
        ],
    },
];
