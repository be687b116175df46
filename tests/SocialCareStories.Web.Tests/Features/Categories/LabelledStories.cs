namespace SocialCareStories.Web.Tests.Features.Categories;

/// <summary>A story with the sectors and themes a person filed it under ("Sector" or "Sector > Theme").</summary>
public sealed record LabelledStory(string Name, string Title, string Body, IReadOnlyList<string> Labels);

/// <summary>
/// The labelled set the classifier is measured on: short posts written for these tests in the shapes and vocabulary of
/// care news (councils, providers, charities, NHS trusts), each labelled by hand before the classifier was run on it,
/// and the sixteen seed stories' labels (their texts come from seeds/). Never tuned to one text: a label here is what
/// a reader browsing by sector would expect to find the story under.
/// </summary>
public static class LabelledStories
{
    public static readonly IReadOnlyList<LabelledStory> Written =
    [
        new("discharge-team", "Home for the weekend: how a discharge team cut delays",
            "Northfield's hospital discharge team now meets patients on the ward two days before they are ready to leave. "
            + "Delayed transfers of care fell by a third in a year. Social workers and ward nurses plan the support together, "
            + "and a reablement worker visits on the first morning home.",
            ["Acute > Hospital discharge", "Community Services > Reablement"]),
        new("memory-cafe", "A memory café that became a lifeline",
            "Every Tuesday the church hall fills with people living with dementia and the husbands, wives and daughters who care for them. "
            + "The café began after a memory clinic nurse noticed how isolated families felt after diagnosis. Carers swap tips while volunteers run a singing group.",
            ["Mental Health > Dementia", "Social Care > Carers", "Community Services > Voluntary and community sector"]),
        new("apprentices", "Twenty apprentices start their careers in care",
            "Eastbrook Council and local care providers have welcomed twenty apprentices this autumn. Each apprenticeship combines training at the college "
            + "with paid work in a care home or with a home care team, and every apprentice has a mentor. The scheme is part of the council's plan to recruit "
            + "and retain care workers with the right values.",
            ["Leadership and Management > Training and development", "Leadership and Management > Workforce: recruitment and retention"]),
        new("telecare", "Sensors that let Mary stay in her own home",
            "After two falls, Mary was offered a care home place. Instead, a telecare package of door sensors, a fall detector and a video call tablet "
            + "lets her daughter and the home care team know she is safe. The council's technology-enabled care service now supports 900 older people.",
            ["Social Care > Technology", "Social Care > Older people", "Community Services > Home care"]),
        new("care-leavers", "Care leavers design their own support",
            "Young people leaving care in Westhaven told the council what they needed: a named worker until 25, help with a first tenancy and someone to call at night. "
            + "The care leavers' forum co-produced the new offer with social workers and housing officers.",
            ["Social Care > Children and young people", "Social Care > Co-production and lived experience", "Community Services > Housing"]),
        new("ld-employment", "Supported employment opens doors for people with a learning disability",
            "Only one in twenty adults with a learning disability known to councils has a paid job. A supported employment project in Harrowby has helped 40 people "
            + "into work in cafés, offices and a bike shop, with job coaches and employers learning together.",
            ["Mental Health > Learning disability and autism"]),
        new("crisis-house", "A crisis house instead of a hospital bed",
            "People in mental health crisis in Rowley can now stay for up to a week in a crisis house run by a local charity with the mental health trust. "
            + "Peer workers with lived experience of recovery staff the house. Admissions to psychiatric wards have fallen.",
            ["Mental Health > Adult mental health and recovery", "Community Services > Voluntary and community sector", "Social Care > Co-production and lived experience"]),
        new("pooled-budget", "One budget, one team: integration in Marshfield",
            "Marshfield's council and the integrated care board have pooled their budgets for older people's care. A single integrated team of nurses, social workers "
            + "and therapists now plans care with each person, and the Better Care Fund pays for the shared records system.",
            ["Commissioning and Procurement > Integration with health", "Social Care > Older people"]),
        new("outcomes-contract", "Paying for outcomes, not minutes",
            "Instead of commissioning home care by the fifteen-minute visit, Calder County now pays providers for the outcomes people set with their care workers. "
            + "The new contracts were designed with providers, and the evaluation shows more people regaining independence.",
            ["Commissioning and Procurement > Commissioning for outcomes", "Community Services > Home care"]),
        new("registered-managers", "A network that keeps registered managers going",
            "Running a care service is one of the hardest jobs in care. The registered managers' network meets monthly to share problems, swap solutions and look after "
            + "each other's wellbeing. Members say it helped them stay in the job.",
            ["Leadership and Management", "Leadership and Management > Workforce: recruitment and retention"]),
        new("safeguarding-personal", "Making safeguarding personal in practice",
            "When a safeguarding concern is raised, social workers in Fenwick now start by asking the person what outcome they want. "
            + "Adults at risk of abuse or neglect say they feel listened to, and fewer enquiries end with people losing control of their lives.",
            ["Social Care > Safeguarding"]),
        new("young-carers", "Young carers get a break",
            "Ten-year-old Sam cares for his mum, who has multiple sclerosis. A young carers project gives him short breaks, help with homework and a school that "
            + "understands. The project works with the council's children's services and local schools.",
            ["Social Care > Carers", "Social Care > Children and young people"]),
        new("end-of-life-hospice", "Dying at home with the people you love",
            "A hospice at home service lets people in the last weeks of life die where they choose. District nurses, GPs and care workers share one plan, "
            + "and families say the palliative care team felt like part of the family.",
            ["Acute > End of life care", "Community Services", "Primary Care"]),
        new("social-prescribing", "Prescribing a walking group",
            "GPs in three practices can now refer patients to a social prescribing link worker. Walking groups, choirs and allotments have helped people with "
            + "loneliness and low mood, and the primary care network reports fewer repeat appointments.",
            ["Primary Care > Social prescribing and prevention"]),
        new("extra-care", "Extra care housing with a heart",
            "Oak Court's 60 flats give older people their own front door with care on site. The housing association and the home care provider run activities, "
            + "and several residents moved in from hospital rather than into a care home.",
            ["Community Services > Housing", "Social Care > Older people"]),
        new("values-culture", "Kindness as a strategy",
            "The chief executive of a large provider explains why they scrapped time-and-task rotas. Self-managing teams, trust and a culture of kindness have cut staff turnover "
            + "by half and the leadership team now spends a day a month working alongside care staff.",
            ["Leadership and Management > Culture and values", "Leadership and Management > Workforce: recruitment and retention"]),
        new("care-home-activities", "Gardening brings a care home to life",
            "Residents of Willow House care home have turned a car park into a garden. The activities coordinator says residents living with dementia are calmer, "
            + "and relatives now join them on Saturdays.",
            ["Social Care > Care homes", "Mental Health > Dementia"]),
        new("autism-transition", "Moving from children's to adult services without a cliff edge",
            "For autistic young people, turning 18 used to mean losing the workers who knew them. A transitions team in Dunmore now starts planning at 14, "
            + "with the young person, their family and school.",
            ["Mental Health > Learning disability and autism", "Social Care > Children and young people"]),
        new("ae-frailty", "A frailty team at the front door of A&E",
            "Older people arriving at the emergency department are now seen by a frailty team within an hour. Many go home the same day with support from "
            + "the community rapid response service instead of being admitted.",
            ["Acute > Urgent and emergency care", "Social Care > Older people", "Community Services"]),
        new("digital-records", "Care workers go paperless",
            "A home care provider has replaced paper care notes with an app. Care workers record visits on their phones, families can see updates online, "
            + "and managers spot missed medication at once.",
            ["Social Care > Technology", "Community Services > Home care"]),
        new("volunteer-drivers", "Volunteer drivers keep a village connected",
            "In rural Brackley, a charity's volunteer drivers take older people to appointments, shops and lunch clubs. The scheme began with five volunteers "
            + "and now has forty, funded by the parish council and a community business.",
            ["Community Services > Voluntary and community sector", "Social Care > Older people"]),
        new("recruitment-campaign", "A recruitment campaign told by care workers themselves",
            "Vacancies in care in Kestwick reached one in ten posts. The council's campaign puts real care workers on bus stops and social media, telling "
            + "why they love the job. Applications doubled and new starters stay longer.",
            ["Leadership and Management > Workforce: recruitment and retention"]),
        new("direct-payments", "Direct payments that give people real choice",
            "People using direct payments in Selwick can now employ personal assistants they choose, with a support service that handles payroll. "
            + "A panel of people who draw on care co-produced the guidance.",
            ["Social Care > Co-production and lived experience"]),
        new("procurement-small-providers", "Procurement that small providers can win",
            "Hartfield's commissioners rewrote their tender process so that small local providers could bid. Contracts are now split by neighbourhood "
            + "and the procurement documents are half as long.",
            ["Commissioning and Procurement", "Commissioning and Procurement > Commissioning for outcomes"]),
        new("homeless-hospital", "No one leaves hospital to the street",
            "A housing worker now sits in Lowfield's hospital discharge team. People who are homeless are found a room before they leave the ward, "
            + "and readmissions have fallen.",
            ["Acute > Hospital discharge", "Community Services > Housing"]),
        new("mental-health-gp", "Mental health workers in every practice",
            "Each GP practice in Aldwick now has a mental health practitioner. People with anxiety or depression are seen within a week, in the surgery, "
            + "by someone who can link them to talking therapies and community groups.",
            ["Primary Care", "Mental Health > Adult mental health and recovery"]),
        new("training-academy", "A care academy for the whole county",
            "Providers across Wexley share one training academy: induction, the Care Certificate and leadership programmes for new managers, all free. "
            + "Staff say the qualifications make them feel valued.",
            ["Leadership and Management > Training and development"]),
        new("reablement-success", "Back on her feet in six weeks",
            "After a stroke, Joan thought she would never cook again. Six weeks of reablement at home with an occupational therapist and care workers "
            + "helped her regain her independence, and she now needs no care at all.",
            ["Community Services > Reablement", "Community Services > Home care"]),
        new("awards-night", "Celebrating the best of care at the awards",
            "Teams from across the region gathered for the annual care awards. Winners included a night-time home care service and a care home's "
            + "intergenerational project with a local school. The chief executive said the night showed the pride and values of the workforce.",
            ["Leadership and Management > Culture and values"]),
        new("integrated-ld-team", "Health and social care in one learning disability team",
            "Nurses, psychologists and social workers in Brookfield's learning disability service now share one office, one manager and one set of records. "
            + "People with learning disabilities tell their story once.",
            ["Mental Health > Learning disability and autism", "Commissioning and Procurement > Integration with health"]),
    ];

    /// <summary>The seed stories in import order, labelled by hand from their text.</summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> Seeds =
    [
        ["Leadership and Management > Workforce: recruitment and retention", "Leadership and Management > Training and development", "Leadership and Management > Culture and values", "Acute > End of life care"],
        ["Social Care", "Leadership and Management"],
        ["Acute > Hospital discharge", "Social Care > Carers", "Social Care > Co-production and lived experience"],
        ["Commissioning and Procurement > Commissioning for outcomes", "Leadership and Management > Culture and values", "Leadership and Management > Workforce: recruitment and retention", "Community Services > Home care"],
        ["Community Services > Home care", "Mental Health > Dementia", "Mental Health > Adult mental health and recovery", "Social Care > Co-production and lived experience"],
        ["Social Care > Children and young people", "Mental Health > Learning disability and autism"],
        ["Commissioning and Procurement > Integration with health", "Mental Health > Learning disability and autism"],
        ["Leadership and Management > Workforce: recruitment and retention", "Leadership and Management > Training and development"],
        ["Leadership and Management > Workforce: recruitment and retention", "Leadership and Management > Training and development", "Community Services > Voluntary and community sector"],
        ["Acute > Hospital discharge", "Acute > Urgent and emergency care", "Social Care > Care homes", "Commissioning and Procurement > Integration with health"],
        ["Social Care > Technology"],
        ["Leadership and Management > Culture and values"],
        ["Commissioning and Procurement > Commissioning for outcomes"],
        ["Leadership and Management > Workforce: recruitment and retention"],
        ["Social Care > Older people", "Social Care > Carers", "Leadership and Management > Workforce: recruitment and retention"],
        ["Leadership and Management > Workforce: recruitment and retention", "Leadership and Management > Training and development"],
    ];
}
