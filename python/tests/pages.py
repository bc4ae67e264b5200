"""Hand-written test pages: a few made-up sites, each printing the same furniture (menus,
footers, share buttons) around its own stories, a shop of listings, a blog whose comments are
casino spam, and pages without a URL. Written for these tests, so that a line recurring across a
site's pages is there to be read as furniture."""

TOWNS = ["Alderley", "Birchmoor", "Cedar Bay", "Dunmore", "Eastwick", "Fallowfield", "Greyhaven"]
PROJECTS = [
    "extend the night bus network to the outer estates",
    "rebuild the harbour wall before the winter storms",
    "open a second public library in the old market hall",
    "replace the lead water pipes under the high street",
    "turn the disused rail yard into allotments and a park",
    "add protected cycle lanes along the river road",
    "keep the swimming pool open through the summer holidays",
]
REASONS = [
    "a year-long trial showed ridership had doubled on the busiest routes",
    "engineers warned that two sections could collapse in a strong gale",
    "more than three thousand residents signed a petition last spring",
    "tests found lead levels above the legal limit in forty homes",
    "the landowner agreed to lease the site for a nominal rent",
    "the number of cyclists injured on the road rose for a third year",
    "a local business group offered to cover half of the running costs",
]
QUOTES = [
    "\"We listened to what people told us at the public meetings,\" the council leader said.",
    "Opposition members said the plan was welcome but came far too late for many families.",
    "Work is expected to begin in the autumn and to take about eighteen months.",
    "The decision still has to be confirmed by the regional transport authority next month.",
    "Residents will be able to comment on the detailed designs at the town hall until March.",
    "The council said the cost would be met from reserves rather than from higher taxes.",
]


def story(i):
    """A news story of a few sentences, different for every i."""
    town = TOWNS[i % len(TOWNS)]
    project = PROJECTS[(i * 3) % len(PROJECTS)]
    reason = REASONS[(i * 5 + 1) % len(REASONS)]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    return [
        f"{town} council votes to {project}",
        f"Councillors in {town} voted on {days[i % 5]} to {project}, after {reason}.",
        QUOTES[i % len(QUOTES)],
        QUOTES[(i + 2) % len(QUOTES)],
    ]


GAZETTE_HEAD = ["Harbour Gazette", "Home | News | Sport | Weather | Business | Contact us"]
GAZETTE_FOOT = [
    "Share this article on Facebook",
    "Sign up to the Harbour Gazette newsletter for the day's top stories",
    "Copyright 2024 Harbour Gazette Ltd. All rights reserved.",
    "Privacy policy | Cookie settings | Terms of use",
]
VALLEY_HEAD = ["Valley Times", "Menu", "Local news", "Opinion", "Events", "Subscribe"]
VALLEY_FOOT = [
    "Most read",
    "Follow us on social media",
    "The Valley Times is published by Valley Media Group, 12 Mill Lane.",
]
SHOP = [
    "Deals of the week",
    "Wireless earbuds with charging case, 30h battery - $19.99 free shipping",
    "Stainless steel water bottle 750ml insulated leakproof - $12.49",
    "Kids waterproof winter jacket hooded fleece lined sizes 4-12 - $24.90",
    "Add to cart",
    "Customers also bought",
]
SPAM_COMMENTS = [
    "Great post! Visit my site for the best online casino bonus, slot gacor maxwin today!",
    "Daftar sekarang di situs judi slot online terpercaya, bonus new member 100%",
    "Win real money at our poker rooms, 200 free spins no deposit, click the link in my profile",
]


def site_pages():
    """(id, url, text) of every test page, in a fixed order that mixes the sites."""
    pages = []
    for i in range(8):
        body = story(i)
        pages.append((f"gazette-{i}", f"https://www.harbourgazette.example/news/{i}",
                      "\n".join(GAZETTE_HEAD + [""] + body + [""] + GAZETTE_FOOT)))
        body = story(i + 20)
        pages.append((f"valley-{i}", f"http://valleytimes.example/local/{2020 + i}/story?id={i}",
                      "\n".join(VALLEY_HEAD + body + VALLEY_FOOT)))
    for i in range(3):
        items = SHOP[:1] + SHOP[1 + i:] + SHOP[1:1 + i]
        pages.append((f"shop-{i}", f"https://deals.shop.example/week/{i}", "\n".join(items)))
    for i in range(3):
        text = "\n".join(["Garden notes", "Posted by Margaret"] + story(i + 40)[1:]
                         + ["Comments"] + SPAM_COMMENTS[i:] + ["Leave a reply"])
        pages.append((f"blog-{i}", f"https://gardennotes.example/{i}", text))
    # Without a URL: one site, the pages without one.
    pages.append(("plain-0", None, "\n".join(story(60) + ["", "Share this article on Facebook"])))
    pages.append(("plain-1", None, "\r\n".join(story(61)) + "\r\n"))
    # A page with nothing to keep, and one with no line at all.
    pages.append(("menu-only", "https://www.harbourgazette.example/contact",
                  "\n".join(GAZETTE_HEAD + GAZETTE_FOOT)))
    pages.append(("blank", "https://www.harbourgazette.example/blank", "\n   \n"))
    # Reorder so that the sites interleave, as in a crawl.
    return pages[::2] + pages[1::2]
