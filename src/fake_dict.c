/*-------------------------------------------------------------------------
 *
 * fake_dict.c
 *		Dictionaries of the fake-value engine: names, places, streets,
 *		companies, job titles, words and countries for each locale.
 *
 * Common given names, surnames, place names and words are facts; the
 * lists were compiled for synthdata.  City coordinates are approximate
 * centres; postal prefixes are the first three digits of codes in use in
 * the city (the last two digits are drawn), so codes look right but do not
 * point at a real delivery address.
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fake_dict.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fake_dict.h"

#define LIST(a)		{ (a), lengthof(a) }

/* ======================================================================
 * English (United States)
 * ======================================================================
 */

static const char *const en_female[] = {
	"Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan",
	"Jessica", "Sarah", "Karen", "Lisa", "Nancy", "Betty", "Sandra",
	"Margaret", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Carol",
	"Amanda", "Melissa", "Deborah", "Stephanie", "Dorothy", "Rebecca",
	"Sharon", "Laura", "Cynthia", "Amy", "Kathleen", "Angela", "Shirley",
	"Brenda", "Emma", "Anna", "Pamela", "Nicole", "Samantha", "Katherine",
	"Christine", "Helen", "Debra", "Rachel", "Carolyn", "Janet", "Maria",
	"Catherine", "Heather", "Diane", "Olivia", "Julie", "Joyce", "Victoria",
	"Ruth", "Virginia", "Lauren", "Kelly", "Christina", "Joan", "Evelyn",
	"Judith", "Andrea", "Hannah", "Megan", "Cheryl", "Jacqueline", "Martha",
	"Madison", "Teresa", "Gloria", "Sara", "Janice", "Ann", "Kathryn",
	"Abigail", "Sophia", "Frances", "Jean", "Alice", "Judy", "Isabella",
	"Julia", "Grace", "Amber", "Denise", "Danielle", "Marilyn", "Beverly",
	"Charlotte", "Natalie", "Theresa", "Diana", "Brittany", "Doris", "Kayla",
	"Alexis", "Lori", "Marie", "Ava", "Mia", "Chloe", "Zoe", "Lily",
	"Aaliyah", "Camila", "Sofia", "Valentina", "Lucia", "Gabriela", "Daniela",
	"Mariana", "Ximena", "Carmen", "Rosa", "Guadalupe", "Leticia", "Priya",
	"Ananya", "Aisha", "Fatima", "Mei", "Yuki", "Hana", "Ngozi", "Amara",
	"Imani", "Keisha", "Tamika", "Latoya", "Ebony", "Jasmine", "Destiny",
	"Naomi", "Leah", "Maya", "Nora", "Hazel", "Aurora", "Stella", "Violet",
	"Ruby", "Ivy", "Elena", "Ingrid", "Freya", "Siobhan", "Aoife", "Linh",
	"Paige", "Brooke", "Morgan", "Taylor", "Savannah", "Audrey", "Claire",
	"Caroline", "Penelope", "Layla", "Riley", "Ellie", "Nevaeh", "Addison",
	"Lillian", "Eleanor", "Scarlett", "Paisley", "Autumn", "Willow", "Quinn",
	"Esther", "Miriam", "Rita", "Wanda", "Tiffany", "Crystal", "Monica",
	"Erica", "Vanessa", "Yolanda", "Tracy", "Tina", "Dana", "Wendy",
	"Sherry", "Bonnie", "Peggy", "Lois", "Irene", "Norma", "Jill", "Erin",
	"Holly", "Katie", "Molly", "Bridget", "Colleen", "Kristen", "Alicia",
	"Adriana", "Veronica", "Monique", "Tanisha", "Shanice"
};

static const char *const en_male[] = {
	"James", "Robert", "John", "Michael", "David", "William", "Richard",
	"Joseph", "Thomas", "Christopher", "Charles", "Daniel", "Matthew",
	"Anthony", "Mark", "Donald", "Steven", "Andrew", "Paul", "Joshua",
	"Kenneth", "Kevin", "Brian", "George", "Timothy", "Ronald", "Jason",
	"Edward", "Jeffrey", "Ryan", "Jacob", "Gary", "Nicholas", "Eric",
	"Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin",
	"Samuel", "Gregory", "Alexander", "Patrick", "Frank", "Raymond", "Jack",
	"Dennis", "Jerry", "Tyler", "Aaron", "Jose", "Adam", "Nathan", "Henry",
	"Zachary", "Douglas", "Peter", "Kyle", "Noah", "Ethan", "Jeremy",
	"Walter", "Christian", "Keith", "Roger", "Terry", "Austin", "Sean",
	"Gerald", "Carl", "Harold", "Dylan", "Arthur", "Lawrence", "Jordan",
	"Jesse", "Bryan", "Billy", "Bruce", "Gabriel", "Joe", "Logan", "Alan",
	"Juan", "Albert", "Willie", "Elijah", "Wayne", "Randy", "Vincent",
	"Mason", "Roy", "Ralph", "Bobby", "Russell", "Bradley", "Philip",
	"Eugene", "Liam", "Lucas", "Oliver", "Owen", "Caleb", "Isaac", "Luke",
	"Hunter", "Carlos", "Luis", "Miguel", "Diego", "Javier", "Alejandro",
	"Mateo", "Santiago", "Rafael", "Eduardo", "Ricardo", "Ahmed", "Omar",
	"Hassan", "Raj", "Arjun", "Vikram", "Rahul", "Wei", "Jun", "Hiroshi",
	"Kenji", "Takumi", "Minh", "Duc", "Kwame", "Kofi", "Chinedu", "Tunde",
	"Malik", "Darnell", "Jamal", "Andre", "Marcus", "Terrell", "Xavier",
	"Declan", "Finn", "Connor", "Rhys", "Ivan", "Dmitri", "Nikolai",
	"Stefan", "Lars", "Sven", "Marco", "Giovanni", "Luca", "Pierre",
	"Wyatt", "Grayson", "Levi", "Sebastian", "Julian", "Ezra", "Theodore",
	"Miles", "Leo", "Jaxon", "Asher", "Carter", "Landon", "Cameron",
	"Brayden", "Colton", "Chase", "Blake", "Trevor", "Derek", "Travis",
	"Shane", "Cody", "Dustin", "Curtis", "Craig", "Todd", "Troy", "Glenn",
	"Howard", "Fred", "Leonard", "Stanley", "Earl", "Francis", "Victor",
	"Martin", "Ernest", "Phillip", "Clarence", "Dale", "Marvin", "Calvin",
	"Reginald", "Maurice", "Cedric", "Tyrone", "Devin"
};

static const char *const en_last[] = {
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
	"Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez",
	"Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
	"Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
	"Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
	"Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green",
	"Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell",
	"Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz",
	"Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris",
	"Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan",
	"Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos",
	"Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood",
	"James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price",
	"Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross",
	"Foster", "Jimenez", "Powell", "Jenkins", "Perry", "Russell", "Sullivan",
	"Bell", "Coleman", "Butler", "Henderson", "Barnes", "Gonzales", "Fisher",
	"Vasquez", "Simmons", "Romero", "Jordan", "Patterson", "Alexander",
	"Hamilton", "Graham", "Reynolds", "Griffin", "Wallace", "Moreno", "West",
	"Cole", "Hayes", "Bryant", "Herrera", "Gibson", "Ellis", "Tran",
	"Medina", "Aguilar", "Stevens", "Murray", "Ford", "Castro", "Marshall",
	"Owens", "Harrison", "Fernandez", "McDonald", "Woods", "Washington",
	"Kennedy", "Wells", "Vargas", "Henry", "Chen", "Freeman", "Webb",
	"Tucker", "Guzman", "Burns", "Crawford", "Olson", "Simpson", "Porter",
	"Hunter", "Gordon", "Mendez", "Silva", "Shaw", "Snyder", "Mason",
	"Dixon", "Munoz", "Hunt", "Hicks", "Holmes", "Palmer", "Wagner", "Black",
	"Robertson", "Boyd", "Rose", "Stone", "Salazar", "Fox", "Warren", "Mills",
	"Meyer", "Rice", "Schmidt", "Garza", "Daniels", "Ferguson", "Nichols",
	"Stephens", "Soto", "Weaver", "Ryan", "Gardner", "Payne", "Grant",
	"Dunn", "Kelley", "Spencer", "Hawkins", "Arnold", "Pierce", "Vazquez",
	"Hansen", "Peters", "Santos", "Hart", "Bradley", "Knight", "Elliott",
	"Cunningham", "Duncan", "Armstrong", "Hudson", "Carroll", "Lane",
	"Riley", "Andrews", "Alvarado", "Ray", "Delgado", "Berry", "Perkins",
	"Hoffman", "Johnston", "Matthews", "Pena", "Richards", "Contreras",
	"Willis", "Carpenter", "Lawrence", "Sandoval", "Wang", "Li", "Zhang",
	"Liu", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Zhu", "Hu",
	"Guo", "Lin", "Luo", "Singh", "Kumar", "Shah", "Gupta", "Sharma", "Khan",
	"Ali", "Ahmed", "Hussain", "Nakamura", "Tanaka", "Suzuki", "Watanabe",
	"Yamamoto", "Sato", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon",
	"Pham", "Le", "Hoang", "Vu", "Dang", "Bui", "Okafor", "Okonkwo",
	"Adeyemi", "Mensah", "Osei", "Abebe", "Mwangi", "Kowalski", "Novak",
	"Nowak", "Ivanov", "Petrov", "Schneider", "Fischer", "Weber", "Becker",
	"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo",
	"Dubois", "Laurent", "Lefebvre", "Moreau", "Jansen", "Andersen",
	"Nielsen", "Johansson", "Larsen", "O'Brien", "O'Connor", "O'Neill",
	"Byrne", "Walsh", "Doyle", "McCarthy", "Gallagher", "MacDonald",
	"Fraser", "Harper", "Bishop", "Franklin", "Lynch", "Fuller", "Barrett",
	"Chapman", "Oliver", "Montgomery", "Richmond", "Hale", "Bowen", "Morrow"
};

static const SdFakeRegion en_regions[] = {
	{"Alabama", "AL"}, {"Alaska", "AK"}, {"Arizona", "AZ"},
	{"Arkansas", "AR"}, {"California", "CA"}, {"Colorado", "CO"},
	{"Connecticut", "CT"}, {"Delaware", "DE"}, {"District of Columbia", "DC"},
	{"Florida", "FL"}, {"Georgia", "GA"}, {"Hawaii", "HI"}, {"Idaho", "ID"},
	{"Illinois", "IL"}, {"Indiana", "IN"}, {"Iowa", "IA"}, {"Kansas", "KS"},
	{"Kentucky", "KY"}, {"Louisiana", "LA"}, {"Maine", "ME"},
	{"Maryland", "MD"}, {"Massachusetts", "MA"}, {"Michigan", "MI"},
	{"Minnesota", "MN"}, {"Mississippi", "MS"}, {"Missouri", "MO"},
	{"Montana", "MT"}, {"Nebraska", "NE"}, {"Nevada", "NV"},
	{"New Hampshire", "NH"}, {"New Jersey", "NJ"}, {"New Mexico", "NM"},
	{"New York", "NY"}, {"North Carolina", "NC"}, {"North Dakota", "ND"},
	{"Ohio", "OH"}, {"Oklahoma", "OK"}, {"Oregon", "OR"},
	{"Pennsylvania", "PA"}, {"Rhode Island", "RI"}, {"South Carolina", "SC"},
	{"South Dakota", "SD"}, {"Tennessee", "TN"}, {"Texas", "TX"},
	{"Utah", "UT"}, {"Vermont", "VT"}, {"Virginia", "VA"},
	{"Washington", "WA"}, {"West Virginia", "WV"}, {"Wisconsin", "WI"},
	{"Wyoming", "WY"}
};

enum
{
	AL, AK, AZ, AR, CA, CO, CT, DE_, DC, FL, GA, HI, ID, IL, IN_, IA, KS, KY,
	LA, ME, MD, MA, MI, MN, MS, MO, MT, NE, NV, NH, NJ, NM, NY, NC, ND, OH,
	OK, OR_, PA, RI, SC, SD, TN, TX, UT, VT, VA, WA, WV, WI, WY
};

static const SdFakeCity en_cities[] = {
	{"New York", NY, "100", 40.71, -74.01, NULL},
	{"Los Angeles", CA, "900", 34.05, -118.24, NULL},
	{"Chicago", IL, "606", 41.88, -87.63, NULL},
	{"Houston", TX, "770", 29.76, -95.37, NULL},
	{"Phoenix", AZ, "850", 33.45, -112.07, NULL},
	{"Philadelphia", PA, "191", 39.95, -75.17, NULL},
	{"San Antonio", TX, "782", 29.42, -98.49, NULL},
	{"San Diego", CA, "921", 32.72, -117.16, NULL},
	{"Dallas", TX, "752", 32.78, -96.80, NULL},
	{"San Jose", CA, "951", 37.34, -121.89, NULL},
	{"Austin", TX, "787", 30.27, -97.74, NULL},
	{"Jacksonville", FL, "322", 30.33, -81.66, NULL},
	{"Fort Worth", TX, "761", 32.76, -97.33, NULL},
	{"Columbus", OH, "432", 39.96, -83.00, NULL},
	{"Charlotte", NC, "282", 35.23, -80.84, NULL},
	{"San Francisco", CA, "941", 37.77, -122.42, NULL},
	{"Indianapolis", IN_, "462", 39.77, -86.16, NULL},
	{"Seattle", WA, "981", 47.61, -122.33, NULL},
	{"Denver", CO, "802", 39.74, -104.99, NULL},
	{"Washington", DC, "200", 38.91, -77.04, NULL},
	{"Boston", MA, "021", 42.36, -71.06, NULL},
	{"El Paso", TX, "799", 31.76, -106.49, NULL},
	{"Nashville", TN, "372", 36.16, -86.78, NULL},
	{"Detroit", MI, "482", 42.33, -83.05, NULL},
	{"Oklahoma City", OK, "731", 35.47, -97.52, NULL},
	{"Portland", OR_, "972", 45.52, -122.68, NULL},
	{"Las Vegas", NV, "891", 36.17, -115.14, NULL},
	{"Memphis", TN, "381", 35.15, -90.05, NULL},
	{"Louisville", KY, "402", 38.25, -85.76, NULL},
	{"Baltimore", MD, "212", 39.29, -76.61, NULL},
	{"Milwaukee", WI, "532", 43.04, -87.91, NULL},
	{"Albuquerque", NM, "871", 35.08, -106.65, NULL},
	{"Tucson", AZ, "857", 32.22, -110.97, NULL},
	{"Fresno", CA, "937", 36.74, -119.79, NULL},
	{"Sacramento", CA, "958", 38.58, -121.49, NULL},
	{"Kansas City", MO, "641", 39.10, -94.58, NULL},
	{"Mesa", AZ, "852", 33.42, -111.83, NULL},
	{"Atlanta", GA, "303", 33.75, -84.39, NULL},
	{"Omaha", NE, "681", 41.26, -95.93, NULL},
	{"Colorado Springs", CO, "809", 38.83, -104.82, NULL},
	{"Raleigh", NC, "276", 35.78, -78.64, NULL},
	{"Long Beach", CA, "908", 33.77, -118.19, NULL},
	{"Virginia Beach", VA, "234", 36.85, -75.98, NULL},
	{"Miami", FL, "331", 25.76, -80.19, NULL},
	{"Oakland", CA, "946", 37.80, -122.27, NULL},
	{"Minneapolis", MN, "554", 44.98, -93.27, NULL},
	{"Tulsa", OK, "741", 36.15, -95.99, NULL},
	{"Bakersfield", CA, "933", 35.37, -119.02, NULL},
	{"Wichita", KS, "672", 37.69, -97.34, NULL},
	{"Arlington", TX, "760", 32.74, -97.11, NULL},
	{"Aurora", CO, "800", 39.73, -104.83, NULL},
	{"Tampa", FL, "336", 27.95, -82.46, NULL},
	{"New Orleans", LA, "701", 29.95, -90.07, NULL},
	{"Cleveland", OH, "441", 41.50, -81.69, NULL},
	{"Honolulu", HI, "968", 21.31, -157.86, NULL},
	{"Anaheim", CA, "928", 33.84, -117.91, NULL},
	{"Lexington", KY, "405", 38.04, -84.50, NULL},
	{"Stockton", CA, "952", 37.96, -121.29, NULL},
	{"Corpus Christi", TX, "784", 27.80, -97.40, NULL},
	{"Henderson", NV, "890", 36.04, -114.98, NULL},
	{"Riverside", CA, "925", 33.95, -117.40, NULL},
	{"Newark", NJ, "071", 40.74, -74.17, NULL},
	{"Saint Paul", MN, "551", 44.95, -93.09, NULL},
	{"Santa Ana", CA, "927", 33.75, -117.87, NULL},
	{"Cincinnati", OH, "452", 39.10, -84.51, NULL},
	{"Irvine", CA, "926", 33.68, -117.83, NULL},
	{"Orlando", FL, "328", 28.54, -81.38, NULL},
	{"Pittsburgh", PA, "152", 40.44, -80.00, NULL},
	{"St. Louis", MO, "631", 38.63, -90.20, NULL},
	{"Greensboro", NC, "274", 36.07, -79.79, NULL},
	{"Jersey City", NJ, "073", 40.73, -74.08, NULL},
	{"Anchorage", AK, "995", 61.22, -149.90, NULL},
	{"Lincoln", NE, "685", 40.81, -96.70, NULL},
	{"Plano", TX, "750", 33.02, -96.70, NULL},
	{"Durham", NC, "277", 35.99, -78.90, NULL},
	{"Buffalo", NY, "142", 42.89, -78.88, NULL},
	{"Chandler", AZ, "852", 33.31, -111.84, NULL},
	{"Chula Vista", CA, "919", 32.64, -117.08, NULL},
	{"Toledo", OH, "436", 41.65, -83.54, NULL},
	{"Madison", WI, "537", 43.07, -89.40, NULL},
	{"Gilbert", AZ, "852", 33.35, -111.79, NULL},
	{"Reno", NV, "895", 39.53, -119.81, NULL},
	{"Fort Wayne", IN_, "468", 41.08, -85.14, NULL},
	{"North Las Vegas", NV, "890", 36.20, -115.12, NULL},
	{"St. Petersburg", FL, "337", 27.77, -82.64, NULL},
	{"Lubbock", TX, "794", 33.58, -101.86, NULL},
	{"Irving", TX, "750", 32.81, -96.95, NULL},
	{"Laredo", TX, "780", 27.53, -99.49, NULL},
	{"Winston-Salem", NC, "271", 36.10, -80.24, NULL},
	{"Chesapeake", VA, "233", 36.77, -76.29, NULL},
	{"Glendale", AZ, "853", 33.54, -112.19, NULL},
	{"Garland", TX, "750", 32.91, -96.64, NULL},
	{"Scottsdale", AZ, "852", 33.49, -111.93, NULL},
	{"Norfolk", VA, "235", 36.85, -76.29, NULL},
	{"Boise", ID, "837", 43.62, -116.20, NULL},
	{"Fremont", CA, "945", 37.55, -121.99, NULL},
	{"Spokane", WA, "992", 47.66, -117.43, NULL},
	{"Santa Clarita", CA, "913", 34.39, -118.54, NULL},
	{"Baton Rouge", LA, "708", 30.45, -91.19, NULL},
	{"Richmond", VA, "232", 37.54, -77.44, NULL},
	{"Tacoma", WA, "984", 47.25, -122.44, NULL},
	{"San Bernardino", CA, "924", 34.11, -117.29, NULL},
	{"Modesto", CA, "953", 37.64, -120.99, NULL},
	{"Fontana", CA, "923", 34.09, -117.44, NULL},
	{"Des Moines", IA, "503", 41.59, -93.62, NULL},
	{"Moreno Valley", CA, "925", 33.94, -117.23, NULL},
	{"Fayetteville", NC, "283", 35.05, -78.88, NULL},
	{"Birmingham", AL, "352", 33.52, -86.80, NULL},
	{"Rochester", NY, "146", 43.16, -77.61, NULL},
	{"Oxnard", CA, "930", 34.20, -119.18, NULL},
	{"Huntsville", AL, "358", 34.73, -86.59, NULL},
	{"Salt Lake City", UT, "841", 40.76, -111.89, NULL},
	{"Grand Rapids", MI, "495", 42.96, -85.67, NULL},
	{"Amarillo", TX, "791", 35.22, -101.83, NULL},
	{"Yonkers", NY, "107", 40.93, -73.90, NULL},
	{"Montgomery", AL, "361", 32.38, -86.30, NULL},
	{"Akron", OH, "443", 41.08, -81.52, NULL},
	{"Little Rock", AR, "722", 34.75, -92.29, NULL},
	{"Augusta", GA, "309", 33.47, -81.97, NULL},
	{"Shreveport", LA, "711", 32.53, -93.75, NULL},
	{"Knoxville", TN, "379", 35.96, -83.92, NULL},
	{"Worcester", MA, "016", 42.26, -71.80, NULL},
	{"Providence", RI, "029", 41.82, -71.41, NULL},
	{"Chattanooga", TN, "374", 35.05, -85.31, NULL},
	{"Tallahassee", FL, "323", 30.44, -84.28, NULL},
	{"Sioux Falls", SD, "571", 43.54, -96.73, NULL},
	{"Springfield", MO, "658", 37.21, -93.29, NULL},
	{"Savannah", GA, "314", 32.08, -81.09, NULL},
	{"Hartford", CT, "061", 41.76, -72.68, NULL},
	{"New Haven", CT, "065", 41.31, -72.92, NULL},
	{"Syracuse", NY, "132", 43.05, -76.15, NULL},
	{"Albany", NY, "122", 42.65, -73.76, NULL},
	{"Ann Arbor", MI, "481", 42.28, -83.74, NULL},
	{"Dayton", OH, "454", 39.76, -84.19, NULL},
	{"Eugene", OR_, "974", 44.05, -123.09, NULL},
	{"Salem", OR_, "973", 44.94, -123.04, NULL},
	{"Fargo", ND, "581", 46.88, -96.79, NULL},
	{"Billings", MT, "591", 45.78, -108.50, NULL},
	{"Cheyenne", WY, "820", 41.14, -104.82, NULL},
	{"Burlington", VT, "054", 44.48, -73.21, NULL},
	{"Portland", ME, "041", 43.66, -70.26, NULL},
	{"Manchester", NH, "031", 42.99, -71.46, NULL},
	{"Wilmington", DE_, "198", 39.74, -75.55, NULL},
	{"Charleston", SC, "294", 32.78, -79.93, NULL},
	{"Columbia", SC, "292", 34.00, -81.03, NULL},
	{"Charleston", WV, "253", 38.35, -81.63, NULL},
	{"Jackson", MS, "392", 32.30, -90.18, NULL},
	{"Topeka", KS, "666", 39.05, -95.68, NULL},
	{"Cedar Rapids", IA, "524", 41.98, -91.67, NULL},
	{"Rapid City", SD, "577", 44.08, -103.23, NULL},
	{"Santa Fe", NM, "875", 35.69, -105.94, NULL},
	{"Pasadena", CA, "911", 34.15, -118.14, NULL},
	{"Berkeley", CA, "947", 37.87, -122.27, NULL},
	{"Boulder", CO, "803", 40.01, -105.27, NULL},
	{"Ithaca", NY, "148", 42.44, -76.50, NULL},
	{"Gainesville", FL, "326", 29.65, -82.32, NULL},
	{"Athens", GA, "306", 33.96, -83.38, NULL},
	{"Bloomington", IN_, "474", 39.17, -86.53, NULL},
	{"Champaign", IL, "618", 40.12, -88.24, NULL},
	{"Springfield", IL, "627", 39.78, -89.65, NULL},
	{"Peoria", IL, "616", 40.69, -89.59, NULL},
	{"Naperville", IL, "605", 41.75, -88.15, NULL},
	{"Rockford", IL, "611", 42.27, -89.09, NULL},
	{"Green Bay", WI, "543", 44.51, -88.01, NULL},
	{"Duluth", MN, "558", 46.79, -92.10, NULL},
	{"Rochester", MN, "559", 44.02, -92.47, NULL},
	{"Kalamazoo", MI, "490", 42.29, -85.59, NULL},
	{"Lansing", MI, "489", 42.73, -84.56, NULL},
	{"Flint", MI, "485", 43.01, -83.69, NULL},
	{"South Bend", IN_, "466", 41.68, -86.25, NULL},
	{"Evansville", IN_, "477", 37.97, -87.56, NULL},
	{"Allentown", PA, "181", 40.60, -75.49, NULL},
	{"Erie", PA, "165", 42.13, -80.09, NULL},
	{"Harrisburg", PA, "171", 40.27, -76.88, NULL},
	{"Scranton", PA, "185", 41.41, -75.66, NULL},
	{"Trenton", NJ, "086", 40.22, -74.76, NULL},
	{"Paterson", NJ, "075", 40.92, -74.17, NULL},
	{"Stamford", CT, "069", 41.05, -73.54, NULL},
	{"Bridgeport", CT, "066", 41.19, -73.20, NULL},
	{"Springfield", MA, "011", 42.10, -72.59, NULL},
	{"Cambridge", MA, "021", 42.37, -71.11, NULL},
	{"Lowell", MA, "018", 42.63, -71.32, NULL},
	{"Annapolis", MD, "214", 38.98, -76.49, NULL},
	{"Alexandria", VA, "223", 38.80, -77.05, NULL},
	{"Roanoke", VA, "240", 37.27, -79.94, NULL},
	{"Asheville", NC, "288", 35.60, -82.55, NULL},
	{"Wilmington", NC, "284", 34.23, -77.94, NULL},
	{"Greenville", SC, "296", 34.85, -82.40, NULL},
	{"Mobile", AL, "366", 30.69, -88.04, NULL},
	{"Pensacola", FL, "325", 30.42, -87.22, NULL},
	{"Fort Lauderdale", FL, "333", 26.12, -80.14, NULL},
	{"West Palm Beach", FL, "334", 26.72, -80.05, NULL},
	{"Sarasota", FL, "342", 27.34, -82.53, NULL},
	{"Fort Myers", FL, "339", 26.64, -81.87, NULL},
	{"Lafayette", LA, "705", 30.22, -92.02, NULL},
	{"Waco", TX, "767", 31.55, -97.15, NULL},
	{"Killeen", TX, "765", 31.12, -97.73, NULL},
	{"Brownsville", TX, "785", 25.90, -97.50, NULL},
	{"McAllen", TX, "785", 26.20, -98.23, NULL},
	{"Midland", TX, "797", 32.00, -102.08, NULL},
	{"Odessa", TX, "797", 31.85, -102.37, NULL},
	{"Tyler", TX, "757", 32.35, -95.30, NULL},
	{"Beaumont", TX, "777", 30.08, -94.13, NULL},
	{"Provo", UT, "846", 40.23, -111.66, NULL},
	{"Ogden", UT, "844", 41.22, -111.97, NULL},
	{"Flagstaff", AZ, "860", 35.20, -111.65, NULL},
	{"Yuma", AZ, "853", 32.69, -114.63, NULL},
	{"Santa Barbara", CA, "931", 34.42, -119.70, NULL},
	{"Santa Rosa", CA, "954", 38.44, -122.71, NULL},
	{"Redding", CA, "960", 40.59, -122.39, NULL},
	{"Salinas", CA, "939", 36.68, -121.66, NULL},
	{"Bellevue", WA, "980", 47.61, -122.20, NULL},
	{"Olympia", WA, "985", 47.04, -122.90, NULL},
	{"Vancouver", WA, "986", 45.64, -122.66, NULL},
	{"Missoula", MT, "598", 46.87, -113.99, NULL},
	{"Bozeman", MT, "597", 45.68, -111.04, NULL},
	{"Juneau", AK, "998", 58.30, -134.42, NULL},
	{"Fairbanks", AK, "997", 64.84, -147.72, NULL},
	{"Hilo", HI, "967", 19.72, -155.09, NULL},
	{"Concord", NH, "033", 43.21, -71.54, NULL},
	{"Augusta", ME, "043", 44.31, -69.78, NULL},
	{"Dover", DE_, "199", 39.16, -75.52, NULL},
	{"Bismarck", ND, "585", 46.81, -100.78, NULL},
	{"Pierre", SD, "575", 44.37, -100.35, NULL},
	{"Helena", MT, "596", 46.59, -112.04, NULL},
	{"Casper", WY, "826", 42.87, -106.31, NULL},
	{"Carson City", NV, "897", 39.16, -119.77, NULL},
	{"Frankfort", KY, "406", 38.20, -84.87, NULL},
	{"Montpelier", VT, "056", 44.26, -72.58, NULL},
	{"Newport", RI, "028", 41.49, -71.31, NULL},
	{"Biloxi", MS, "395", 30.40, -88.89, NULL},
	{"Fort Smith", AR, "729", 35.39, -94.40, NULL},
	{"Iowa City", IA, "522", 41.66, -91.53, NULL},
	{"Lawrence", KS, "660", 38.97, -95.24, NULL},
	{"Norman", OK, "730", 35.22, -97.44, NULL},
	{"Las Cruces", NM, "880", 32.32, -106.76, NULL},
	{"Idaho Falls", ID, "834", 43.49, -112.04, NULL},
	{"St. George", UT, "847", 37.10, -113.58, NULL},
	{"Fort Collins", CO, "805", 40.59, -105.08, NULL},
	{"Morgantown", WV, "265", 39.63, -79.96, NULL}
};

static const char *const en_streets[] = {
	"Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake",
	"Hill", "Park", "Walnut", "Spring", "North", "Ridge", "Church", "Willow",
	"Mill", "Sunset", "Highland", "Jackson", "Jefferson", "Lincoln",
	"Madison", "Franklin", "Adams", "River", "Forest", "Meadow", "Chestnut",
	"Birch", "Dogwood", "Magnolia", "Hickory", "Sycamore", "Laurel",
	"Poplar", "Aspen", "Spruce", "Juniper", "Cherry", "Orchard", "Valley",
	"Prospect", "Center", "Union", "Market", "Front", "Water", "Bridge",
	"School", "College", "Railroad", "Mountain", "Lakeview", "Fairview",
	"Pleasant", "Green", "Summit", "Broad", "High", "King", "Queen", "Grove",
	"Harbor", "Bay", "Ocean", "Shore", "Beach", "Canyon", "Mesa", "Prairie",
	"Heritage", "Liberty", "Independence", "Colonial", "Hamilton", "Monroe",
	"Wilson", "Grant", "Cleveland", "Kennedy", "Roosevelt", "Woodland",
	"Brookside", "Creek", "Stonebridge", "Fox Run", "Deer", "Eagle", "Hawk",
	"Cardinal", "Robin", "Bluebird", "Oakwood", "Pinecrest", "Glenwood",
	"Briarwood", "Kingston", "Windsor", "Cambridge", "Oxford", "Sherwood",
	"Fairway", "Country Club", "Vista", "Sierra", "First", "Second", "Third",
	"Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
	"Elmwood", "Riverside", "Hillcrest", "Rosewood", "Silver Lake",
	"Mulberry", "Locust", "Sassafras", "Cottonwood", "Mockingbird"
};

static const char *const en_street_types[] = {
	"St", "St", "St", "Ave", "Ave", "Ave", "Rd", "Rd", "Dr", "Dr", "Ln",
	"Blvd", "Ct", "Way", "Pl", "Cir", "Ter", "Pkwy", "Trl"
};

static const char *const en_company_stems[] = {
	"Blue Ridge", "Red Rock", "Silver Creek", "Golden Gate", "Green Valley",
	"North Star", "Summit", "Pioneer", "Apex", "Bright Path", "Pacific",
	"Atlantic", "Evergreen", "Granite", "Liberty", "Pinnacle", "Crescent",
	"Horizon", "Keystone", "Sterling", "Harbor", "Cedar", "Oakmont",
	"Ironwood", "Eagle", "United", "National", "Global", "First Light",
	"Premier", "Frontier", "Metro", "Coastal", "Prairie", "Riverbend",
	"Northwind", "Cobalt", "Vertex", "Nova", "Clearwater", "Stonegate",
	"Bluebird", "Lakeshore", "Highland", "Trident", "Beacon", "Meridian",
	"Redwood", "Aspen", "Falcon", "Orion", "Polaris", "Quantum", "Sunrise",
	"Twin Oaks", "Westfield", "Copper", "Lighthouse", "Silverline",
	"Brightwater"
};

static const char *const en_company_trades[] = {
	"Logistics", "Solutions", "Systems", "Technologies", "Health", "Foods",
	"Consulting", "Energy", "Analytics", "Software", "Manufacturing",
	"Supply", "Capital", "Media", "Labs", "Networks", "Construction",
	"Realty", "Insurance", "Pharmaceuticals", "Motors", "Outfitters",
	"Design", "Dynamics", "Industries", "Ventures", "Services", "Financial",
	"Robotics", "Biotech", "Freight", "Brewing", "Apparel", "Electric",
	"Aerospace", "Marine", "Dental", "Learning", "Security", "Studios"
};

static const char *const en_company_forms[] = {
	"Inc", "Inc", "LLC", "LLC", "Corp", "Group", "Co", "Ltd", "Partners",
	"Holdings", "Associates", "and Sons"
};

static const char *const en_jobs[] = {
	"Accountant", "Senior Accountant", "Staff Accountant", "Controller",
	"Financial Analyst", "Budget Analyst", "Auditor", "Tax Advisor",
	"Payroll Specialist", "Bookkeeper", "Chief Financial Officer",
	"Chief Executive Officer", "Chief Operating Officer",
	"Chief Technology Officer", "Chief Marketing Officer", "Vice President of Sales",
	"Sales Manager", "Account Executive", "Sales Representative",
	"Account Manager", "Business Development Manager", "Customer Success Manager",
	"Marketing Manager", "Marketing Coordinator", "Brand Manager",
	"Content Strategist", "Copywriter", "Social Media Manager",
	"SEO Specialist", "Public Relations Specialist", "Graphic Designer",
	"UX Designer", "UI Designer", "Product Designer", "Art Director",
	"Product Manager", "Senior Product Manager", "Project Manager",
	"Program Manager", "Scrum Master", "Business Analyst", "Data Analyst",
	"Data Scientist", "Data Engineer", "Machine Learning Engineer",
	"Database Administrator", "Software Engineer", "Senior Software Engineer",
	"Staff Software Engineer", "Frontend Developer", "Backend Developer",
	"Full Stack Developer", "Mobile Developer", "DevOps Engineer",
	"Site Reliability Engineer", "Systems Administrator", "Network Engineer",
	"Security Analyst", "Security Engineer", "IT Support Specialist",
	"Help Desk Technician", "QA Engineer", "Test Analyst", "Technical Writer",
	"Solutions Architect", "Cloud Architect", "Engineering Manager",
	"Director of Engineering", "Human Resources Manager", "HR Generalist",
	"Recruiter", "Talent Acquisition Specialist", "Training Coordinator",
	"Office Manager", "Administrative Assistant", "Executive Assistant",
	"Receptionist", "Operations Manager", "Operations Analyst",
	"Supply Chain Manager", "Logistics Coordinator", "Purchasing Agent",
	"Buyer", "Warehouse Supervisor", "Forklift Operator", "Truck Driver",
	"Delivery Driver", "Dispatcher", "Production Supervisor",
	"Quality Control Inspector", "Machinist", "Welder", "Electrician",
	"Plumber", "Carpenter", "HVAC Technician", "Maintenance Technician",
	"Mechanical Engineer", "Electrical Engineer", "Civil Engineer",
	"Chemical Engineer", "Industrial Engineer", "Architect",
	"Construction Manager", "Site Supervisor", "Surveyor", "Registered Nurse",
	"Nurse Practitioner", "Licensed Practical Nurse", "Physician",
	"Family Physician", "Surgeon", "Pharmacist", "Pharmacy Technician",
	"Physical Therapist", "Occupational Therapist", "Dental Hygienist",
	"Dentist", "Medical Assistant", "Paramedic", "Radiologic Technologist",
	"Laboratory Technician", "Veterinarian", "Veterinary Technician",
	"Psychologist", "Social Worker", "Counselor", "Teacher",
	"Elementary School Teacher", "High School Teacher", "Teaching Assistant",
	"Professor", "Librarian", "School Principal", "Research Scientist",
	"Lab Manager", "Statistician", "Economist", "Attorney", "Paralegal",
	"Legal Assistant", "Compliance Officer", "Claims Adjuster",
	"Insurance Agent", "Underwriter", "Loan Officer", "Bank Teller",
	"Real Estate Agent", "Property Manager", "Chef", "Line Cook",
	"Restaurant Manager", "Server", "Bartender", "Barista", "Cashier",
	"Retail Sales Associate", "Store Manager", "Customer Service Representative",
	"Call Center Agent", "Security Guard", "Police Officer", "Firefighter",
	"Pilot", "Flight Attendant", "Journalist", "Editor", "Photographer",
	"Video Producer", "Event Planner", "Interior Designer", "Consultant",
	"Management Consultant"
};

static const char *const en_words[] = {
	"time", "year", "people", "way", "day", "man", "thing", "woman", "life",
	"child", "world", "school", "state", "family", "student", "group",
	"country", "problem", "hand", "part", "place", "case", "week", "company",
	"system", "program", "question", "work", "government", "number", "night",
	"point", "home", "water", "room", "mother", "area", "money", "story",
	"fact", "month", "lot", "right", "study", "book", "eye", "job", "word",
	"business", "issue", "side", "kind", "head", "house", "service",
	"friend", "father", "power", "hour", "game", "line", "end", "member",
	"law", "car", "city", "community", "name", "president", "team",
	"minute", "idea", "kid", "body", "information", "back", "parent", "face",
	"others", "level", "office", "door", "health", "person", "art", "war",
	"history", "party", "result", "change", "morning", "reason", "research",
	"girl", "guy", "moment", "air", "teacher", "force", "education", "foot",
	"boy", "age", "policy", "music", "market", "sense", "nation", "plan",
	"college", "interest", "death", "experience", "effect", "class",
	"control", "care", "field", "development", "role", "effort", "rate",
	"heart", "drug", "show", "leader", "light", "voice", "wife", "police",
	"mind", "price", "report", "decision", "son", "view", "relationship",
	"town", "road", "arm", "difference", "value", "building", "action",
	"model", "season", "society", "tax", "director", "position", "player",
	"record", "paper", "space", "ground", "form", "event", "official",
	"matter", "center", "couple", "site", "project", "activity", "star",
	"table", "need", "court", "oil", "situation", "cost", "industry",
	"figure", "street", "image", "phone", "data", "picture", "practice",
	"piece", "land", "product", "doctor", "wall", "patient", "worker",
	"news", "test", "movie", "north", "love", "support", "technology",
	"step", "baby", "computer", "type", "attention", "film", "tree",
	"source", "organization", "hair", "window", "evidence", "population",
	"site", "plant", "garden", "river", "ocean", "island", "mountain",
	"bridge", "letter", "answer", "window", "summer", "winter", "spring",
	"autumn", "energy", "weather", "dinner", "coffee", "order", "account",
	"customer", "package", "delivery", "invoice", "meeting", "schedule",
	"budget", "design", "feature", "version", "update", "detail", "quality",
	"be", "have", "do", "say", "get", "make", "go", "know", "take", "see",
	"come", "think", "look", "want", "give", "use", "find", "tell", "ask",
	"work", "seem", "feel", "try", "leave", "call", "keep", "provide",
	"hold", "turn", "follow", "begin", "bring", "show", "hear", "play",
	"run", "move", "live", "believe", "happen", "write", "sit", "stand",
	"lose", "pay", "meet", "include", "continue", "set", "learn", "lead",
	"understand", "watch", "stop", "create", "speak", "read", "allow",
	"add", "spend", "grow", "open", "walk", "win", "offer", "remember",
	"consider", "appear", "buy", "wait", "serve", "send", "expect", "build",
	"stay", "fall", "reach", "remain", "suggest", "raise", "pass", "sell",
	"require", "report", "decide", "pull", "explain", "develop", "carry",
	"break", "receive", "agree", "support", "hit", "produce", "eat",
	"cover", "catch", "draw", "choose", "good", "new", "first", "last",
	"long", "great", "little", "own", "other", "old", "big", "high",
	"different", "small", "large", "next", "early", "young", "important",
	"few", "public", "bad", "same", "able", "free", "sure", "clear",
	"full", "special", "easy", "strong", "certain", "real", "whole",
	"better", "best", "simple", "quick", "quiet", "bright", "dark", "warm",
	"cold", "fresh", "green", "blue", "red", "white", "black", "happy",
	"careful", "local", "final", "main", "recent", "modern", "natural",
	"usual", "open", "close", "always", "often", "never", "soon", "today",
	"together", "almost", "already", "again", "also", "still", "very",
	"really", "quickly", "slowly", "nearly", "perhaps", "however", "later",
	"rather", "about", "after", "before", "during", "under", "over",
	"between", "through", "without", "around", "against", "toward", "with",
	"from", "into", "and", "but", "or", "so", "because", "while", "the",
	"the", "the", "a", "a", "an", "this", "that", "every", "some", "many",
	"most", "several", "each", "our", "their", "its", "we", "they", "it"
};

/*
 * English sentence grammar.  No noun or adjective starts with a "u" or a
 * silent "h", so that "a"/"an" can follow the first letter.
 */
static const char *const en_nouns[] = {
	"account", "address", "agent", "agreement", "answer", "area", "article",
	"audit", "batch", "bill", "board", "branch", "bridge", "budget",
	"building", "call", "campaign", "card", "case", "catalog", "change",
	"channel", "chart", "check", "city", "client", "code", "colleague",
	"committee", "company", "contract", "copy", "cost", "customer",
	"dashboard", "deadline", "decision", "delivery", "department", "design",
	"detail", "device", "document", "draft", "driver", "email", "engineer",
	"error", "estimate", "event", "feature", "file", "form", "forecast",
	"garden", "goal", "group", "guide", "index", "invoice", "issue", "item",
	"job", "label", "letter", "library", "list", "manager", "map", "market",
	"meeting", "member", "message", "method", "model", "network", "note",
	"notice", "office", "order", "owner", "package", "page", "panel",
	"partner", "payment", "plan", "platform", "policy", "price", "printer",
	"process", "product", "profile", "project", "proposal", "question",
	"queue", "record", "region", "release", "report", "request", "result",
	"review", "river", "road", "route", "rule", "sample", "schedule",
	"server", "service", "shipment", "signal", "site", "sketch", "store",
	"story", "strategy", "student", "summary", "supplier", "system", "table",
	"target", "task", "team", "template", "test", "ticket", "timeline",
	"tool", "train", "truck", "vendor", "version", "warehouse", "window",
	"worker", "neighbor", "teacher", "visitor", "kitchen", "recipe",
	"garage", "bicycle", "museum", "concert", "festival", "harbor", "island"
};

static const char *const en_verbs[] = {
	"accept", "adjust", "approve", "archive", "arrange", "assign", "build",
	"change", "check", "clean", "close", "collect", "compare", "complete",
	"confirm", "copy", "cover", "create", "deliver", "describe", "design",
	"discuss", "draft", "explain", "export", "file", "finish", "fix",
	"follow", "handle", "improve", "include", "inspect", "load", "manage",
	"mark", "measure", "move", "need", "open", "order", "organize", "pack",
	"plan", "prepare", "present", "print", "process", "protect", "publish",
	"reach", "read", "receive", "record", "reduce", "replace", "report",
	"request", "require", "review", "revise", "schedule", "send", "share",
	"ship", "sign", "sort", "start", "store", "support", "test", "track",
	"update", "validate", "verify", "watch", "visit", "paint", "repair",
	"carry", "find", "bring", "keep", "choose", "study"
};

static const char *const en_adjectives[] = {
	"active", "annual", "basic", "blue", "brief", "careful", "central",
	"clean", "clear", "complete", "current", "daily", "digital", "direct",
	"early", "easy", "final", "formal", "fresh", "full", "general", "global",
	"good", "great", "green", "large", "late", "latest", "local", "long",
	"main", "major", "manual", "modern", "monthly", "national", "new",
	"next", "old", "open", "original", "overdue", "personal", "practical",
	"previous", "primary", "private", "proper", "public", "quick", "quiet",
	"rare", "ready", "recent", "red", "regional", "regular", "remote",
	"revised", "safe", "seasonal", "second", "senior", "short", "simple",
	"small", "smart", "special", "standard", "strong", "summer", "technical",
	"total", "typical", "valid", "weekly", "white", "whole", "wide",
	"winter", "yellow", "bright", "busy", "friendly", "narrow", "quiet"
};

static const char *const en_adverbs[] = {
	"often", "usually", "always", "never", "rarely", "sometimes", "quickly",
	"carefully", "finally", "already", "still", "regularly", "quietly",
	"slowly", "gladly", "proudly", "simply", "easily", "clearly", "soon"
};

static const char *const en_time_adverbs[] = {
	"today", "tomorrow", "again", "later", "now", "soon", "every week",
	"every morning", "on Monday", "on Friday", "this year", "next month",
	"in the evening", "at noon", "together", "first", "on time", "twice"
};

static const char *const en_preps[] = {
	"with", "for", "before", "after", "during", "near", "behind", "without",
	"across", "beside", "within", "from", "about", "under", "over"
};

static const char *const en_modals[] = {
	"will", "can", "should", "may", "must", "might", "could", "would",
	"cannot", "will not"
};

static const char *const en_openers[] = {
	"However", "Meanwhile", "Today", "Later", "Fortunately", "In the end",
	"As usual", "For now", "Otherwise", "Once again", "Last week",
	"In the meantime", "Of course", "Without delay", "Every spring"
};

static const char *const en_conjunctions[] = {
	", and ", ", but ", " because ", " while ", ", so ", " after ",
	" before ", " when ", " until ", " although "
};

static const char *const en_countries[] = {
	"United States", "Canada", "Mexico", "Brazil", "Argentina", "Chile",
	"Colombia", "Peru", "Venezuela", "Ecuador", "Uruguay", "Paraguay",
	"Bolivia", "Cuba", "Jamaica", "Dominican Republic", "Costa Rica",
	"Panama", "Guatemala", "Honduras", "United Kingdom", "Ireland",
	"France", "Germany", "Netherlands", "Belgium", "Luxembourg",
	"Switzerland", "Austria", "Italy", "Spain", "Portugal", "Denmark",
	"Norway", "Sweden", "Finland", "Iceland", "Poland", "Czechia",
	"Slovakia", "Hungary", "Romania", "Bulgaria", "Greece", "Croatia",
	"Slovenia", "Serbia", "Ukraine", "Lithuania", "Latvia", "Estonia",
	"Turkey", "Israel", "Egypt", "Morocco", "Tunisia", "Algeria", "Nigeria",
	"Ghana", "Kenya", "Ethiopia", "Tanzania", "Uganda", "South Africa",
	"Senegal", "Cameroon", "Saudi Arabia", "United Arab Emirates", "Qatar",
	"Jordan", "Lebanon", "India", "Pakistan", "Bangladesh", "Sri Lanka",
	"Nepal", "China", "Japan", "South Korea", "Taiwan", "Mongolia",
	"Vietnam", "Thailand", "Malaysia", "Singapore", "Indonesia",
	"Philippines", "Cambodia", "Australia", "New Zealand", "Fiji",
	"Kazakhstan", "Uzbekistan", "Georgia", "Armenia", "Cyprus", "Malta",
	"Monaco", "Andorra", "Liechtenstein"
};

/* ISO 3166-1 alpha-2, parallel to the country name lists */
const char *const sd_fake_country_codes[] = {
	"US", "CA", "MX", "BR", "AR", "CL",
	"CO", "PE", "VE", "EC", "UY", "PY",
	"BO", "CU", "JM", "DO", "CR",
	"PA", "GT", "HN", "GB", "IE",
	"FR", "DE", "NL", "BE", "LU",
	"CH", "AT", "IT", "ES", "PT", "DK",
	"NO", "SE", "FI", "IS", "PL", "CZ",
	"SK", "HU", "RO", "BG", "GR", "HR",
	"SI", "RS", "UA", "LT", "LV", "EE",
	"TR", "IL", "EG", "MA", "TN", "DZ", "NG",
	"GH", "KE", "ET", "TZ", "UG", "ZA",
	"SN", "CM", "SA", "AE", "QA",
	"JO", "LB", "IN", "PK", "BD", "LK",
	"NP", "CN", "JP", "KR", "TW", "MN",
	"VN", "TH", "MY", "SG", "ID",
	"PH", "KH", "AU", "NZ", "FJ",
	"KZ", "UZ", "GE", "AM", "CY", "MT",
	"MC", "AD", "LI"
};
const int	sd_fake_ncountries = lengthof(sd_fake_country_codes);

/* ======================================================================
 * German (Germany)
 * ======================================================================
 */

static const char *const de_female[] = {
	"Anna", "Maria", "Emma", "Mia", "Hannah", "Sophie", "Lena", "Lea",
	"Laura", "Lisa", "Julia", "Sarah", "Katharina", "Johanna", "Clara",
	"Marie", "Charlotte", "Emilia", "Luisa", "Ella", "Amelie", "Leonie",
	"Lina", "Greta", "Ida", "Frieda", "Mila", "Nele", "Paula", "Jana",
	"Franziska", "Christina", "Sabine", "Petra", "Claudia", "Andrea",
	"Susanne", "Monika", "Ursula", "Renate", "Ingrid", "Brigitte", "Helga",
	"Gisela", "Karin", "Birgit", "Heike", "Martina", "Stefanie", "Nicole",
	"Sandra", "Anja", "Tanja", "Kerstin", "Silke", "Anke", "Jutta", "Elke",
	"Gabriele", "Angelika", "Barbara", "Doris", "Heidi", "Jessica",
	"Melanie", "Nadine", "Vanessa", "Jasmin", "Carina", "Annika", "Miriam",
	"Svenja", "Theresa", "Magdalena", "Elisabeth", "Veronika", "Agnes",
	"Hildegard", "Irmgard", "Margarete", "Ilse", "Lieselotte", "Antonia",
	"Josephine", "Luise", "Marlene", "Selin", "Elif", "Aylin", "Zeynep",
	"Fatma", "Katrin", "Simone", "Nina", "Daniela", "Bettina", "Ulrike",
	"Dagmar", "Sonja", "Marion", "Regina", "Christiane", "Carolin", "Pia",
	"Hanna", "Mathilda", "Romy", "Malia", "Jule", "Merle", "Finja", "Wiebke"
};

static const char *const de_male[] = {
	"Lukas", "Leon", "Paul", "Jonas", "Finn", "Elias", "Noah", "Felix",
	"Maximilian", "Ben", "Luis", "Tim", "Jan", "Niklas", "David", "Moritz",
	"Julian", "Philipp", "Alexander", "Tobias", "Simon", "Fabian", "Florian",
	"Sebastian", "Dominik", "Marcel", "Daniel", "Michael", "Thomas",
	"Andreas", "Stefan", "Christian", "Markus", "Frank", "Jürgen", "Klaus",
	"Wolfgang", "Peter", "Uwe", "Dieter", "Manfred", "Günter", "Hans",
	"Helmut", "Werner", "Gerhard", "Horst", "Rainer", "Bernd", "Ralf",
	"Jörg", "Holger", "Matthias", "Martin", "Torsten", "Sven", "Dirk",
	"Heiko", "Oliver", "Carsten", "Volker", "Karl", "Heinz", "Friedrich",
	"Wilhelm", "Ernst", "Otto", "Emil", "Anton", "Theo", "Henry", "Oskar",
	"Jakob", "Konstantin", "Vincent", "Johannes", "Benedikt", "Lorenz",
	"Valentin", "Mehmet", "Mustafa", "Ali", "Can", "Emre", "Hakan", "Piotr",
	"Tomasz", "Kevin", "Dennis", "Patrick", "Jens", "Kai", "Lars", "Nils",
	"Ole", "Hauke", "Malte", "Till", "Lennart", "Mats", "Hendrik", "Björn",
	"Gregor", "Ulrich", "Georg", "Erich", "Walter", "Rudolf"
};

static const char *const de_last[] = {
	"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
	"Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter",
	"Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun",
	"Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz",
	"Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
	"Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs",
	"Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert",
	"Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler",
	"Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster",
	"Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher",
	"Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel",
	"Heinrich", "Brandt", "Haas", "Schreiber", "Graf", "Schulte", "Dietrich",
	"Ziegler", "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch", "Bergmann",
	"Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer", "Ernst",
	"Lindner", "Hesse", "Franz", "Nowak", "Yilmaz", "Kaya", "Demir", "Sahin",
	"Kowalski", "Brinkmann", "Hansen", "Jansen", "Petersen", "Thiel", "Kunz",
	"Heller", "Ebert", "Fink", "Böttcher", "Vetter", "Lenz", "Kaufmann",
	"Marx", "Michel", "Witt", "Sander", "Stark", "Ritter", "Wenzel", "Hübner",
	"Maurer", "Hartwig", "Riedel", "Schütz", "Ott", "Bock", "Mertens",
	"Kessler", "Gerlach", "Behrens", "Frey", "Wendt", "Arndt", "Lehner",
	"Kurz", "Hensel", "Dittrich", "Reuter", "Göbel", "Paul", "Adler"
};

static const SdFakeRegion de_regions[] = {
	{"Baden-Württemberg", "BW"}, {"Bayern", "BY"}, {"Berlin", "BE"},
	{"Brandenburg", "BB"}, {"Bremen", "HB"}, {"Hamburg", "HH"},
	{"Hessen", "HE"}, {"Mecklenburg-Vorpommern", "MV"},
	{"Niedersachsen", "NI"}, {"Nordrhein-Westfalen", "NW"},
	{"Rheinland-Pfalz", "RP"}, {"Saarland", "SL"}, {"Sachsen", "SN"},
	{"Sachsen-Anhalt", "ST"}, {"Schleswig-Holstein", "SH"},
	{"Thüringen", "TH"}
};

enum
{
	BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN_, ST, SH, TH
};

static const SdFakeCity de_cities[] = {
	{"Berlin", BE, "101", 52.52, 13.40, "B"},
	{"Hamburg", HH, "201", 53.55, 9.99, "HH"},
	{"München", BY, "803", 48.14, 11.58, "M"},
	{"Köln", NW, "506", 50.94, 6.96, "K"},
	{"Frankfurt am Main", HE, "603", 50.11, 8.68, "F"},
	{"Stuttgart", BW, "701", 48.78, 9.18, "S"},
	{"Düsseldorf", NW, "402", 51.23, 6.78, "D"},
	{"Leipzig", SN_, "041", 51.34, 12.37, "L"},
	{"Dortmund", NW, "441", 51.51, 7.47, "DO"},
	{"Essen", NW, "451", 51.46, 7.01, "E"},
	{"Bremen", HB, "281", 53.08, 8.80, "HB"},
	{"Dresden", SN_, "010", 51.05, 13.74, "DD"},
	{"Hannover", NI, "301", 52.38, 9.73, "H"},
	{"Nürnberg", BY, "904", 49.45, 11.08, "N"},
	{"Duisburg", NW, "470", 51.43, 6.76, "DU"},
	{"Bochum", NW, "447", 51.48, 7.22, "BO"},
	{"Wuppertal", NW, "421", 51.26, 7.15, "W"},
	{"Bielefeld", NW, "336", 52.02, 8.53, "BI"},
	{"Bonn", NW, "531", 50.74, 7.10, "BN"},
	{"Münster", NW, "481", 51.96, 7.63, "MS"},
	{"Mannheim", BW, "681", 49.49, 8.47, "MA"},
	{"Karlsruhe", BW, "761", 49.01, 8.40, "KA"},
	{"Augsburg", BY, "861", 48.37, 10.90, "A"},
	{"Wiesbaden", HE, "651", 50.08, 8.24, "WI"},
	{"Mönchengladbach", NW, "410", 51.19, 6.44, "MG"},
	{"Gelsenkirchen", NW, "458", 51.52, 7.10, "GE"},
	{"Aachen", NW, "520", 50.78, 6.08, "AC"},
	{"Braunschweig", NI, "381", 52.27, 10.52, "BS"},
	{"Kiel", SH, "241", 54.32, 10.14, "KI"},
	{"Chemnitz", SN_, "091", 50.83, 12.92, "C"},
	{"Halle (Saale)", ST, "061", 51.48, 11.97, "HAL"},
	{"Magdeburg", ST, "391", 52.13, 11.63, "MD"},
	{"Freiburg im Breisgau", BW, "791", 47.99, 7.85, "FR"},
	{"Krefeld", NW, "478", 51.33, 6.56, "KR"},
	{"Mainz", RP, "551", 49.99, 8.27, "MZ"},
	{"Lübeck", SH, "235", 53.87, 10.69, "HL"},
	{"Erfurt", TH, "990", 50.98, 11.03, "EF"},
	{"Oberhausen", NW, "460", 51.47, 6.85, "OB"},
	{"Rostock", MV, "180", 54.09, 12.14, "HRO"},
	{"Kassel", HE, "341", 51.31, 9.48, "KS"},
	{"Hagen", NW, "580", 51.36, 7.47, "HA"},
	{"Potsdam", BB, "144", 52.40, 13.07, "P"},
	{"Saarbrücken", SL, "661", 49.24, 6.99, "SB"},
	{"Hamm", NW, "590", 51.68, 7.82, "HAM"},
	{"Ludwigshafen am Rhein", RP, "670", 49.48, 8.44, "LU"},
	{"Oldenburg", NI, "261", 53.14, 8.21, "OL"},
	{"Osnabrück", NI, "490", 52.28, 8.05, "OS"},
	{"Leverkusen", NW, "513", 51.03, 6.98, "LEV"},
	{"Heidelberg", BW, "691", 49.40, 8.67, "HD"},
	{"Darmstadt", HE, "642", 49.87, 8.65, "DA"},
	{"Solingen", NW, "426", 51.17, 7.08, "SG"},
	{"Regensburg", BY, "930", 49.01, 12.10, "R"},
	{"Paderborn", NW, "330", 51.72, 8.75, "PB"},
	{"Ingolstadt", BY, "850", 48.76, 11.43, "IN"},
	{"Würzburg", BY, "970", 49.79, 9.95, "WÜ"},
	{"Wolfsburg", NI, "384", 52.42, 10.79, "WOB"},
	{"Ulm", BW, "890", 48.40, 9.99, "UL"},
	{"Heilbronn", BW, "740", 49.14, 9.22, "HN"},
	{"Pforzheim", BW, "751", 48.89, 8.70, "PF"},
	{"Göttingen", NI, "370", 51.54, 9.93, "GÖ"},
	{"Bottrop", NW, "462", 51.52, 6.93, "BOT"},
	{"Trier", RP, "542", 49.75, 6.64, "TR"},
	{"Recklinghausen", NW, "456", 51.61, 7.20, "RE"},
	{"Reutlingen", BW, "727", 48.49, 9.21, "RT"},
	{"Bremerhaven", HB, "275", 53.55, 8.58, "HB"},
	{"Koblenz", RP, "560", 50.36, 7.59, "KO"},
	{"Bergisch Gladbach", NW, "514", 50.99, 7.13, "GL"},
	{"Jena", TH, "077", 50.93, 11.59, "J"},
	{"Remscheid", NW, "428", 51.18, 7.19, "RS"},
	{"Erlangen", BY, "910", 49.59, 11.00, "ER"},
	{"Moers", NW, "474", 51.45, 6.63, "WES"},
	{"Siegen", NW, "570", 50.87, 8.02, "SI"},
	{"Hildesheim", NI, "311", 52.15, 9.95, "HI"},
	{"Salzgitter", NI, "382", 52.15, 10.33, "SZ"},
	{"Cottbus", BB, "030", 51.76, 14.33, "CB"},
	{"Schwerin", MV, "190", 53.63, 11.41, "SN"},
	{"Gera", TH, "075", 50.88, 12.08, "G"},
	{"Zwickau", SN_, "080", 50.72, 12.50, "Z"},
	{"Flensburg", SH, "249", 54.79, 9.44, "FL"},
	{"Konstanz", BW, "784", 47.66, 9.18, "KN"},
	{"Passau", BY, "940", 48.57, 13.43, "PA"},
	{"Bamberg", BY, "960", 49.89, 10.89, "BA"},
	{"Bayreuth", BY, "954", 49.94, 11.58, "BT"},
	{"Lüneburg", NI, "213", 53.25, 10.41, "LG"},
	{"Weimar", TH, "994", 50.98, 11.33, "WE"},
	{"Stralsund", MV, "184", 54.31, 13.09, "VR"},
	{"Frankfurt (Oder)", BB, "152", 52.35, 14.55, "FF"},
	{"Dessau-Roßlau", ST, "068", 51.84, 12.24, "DE"},
	{"Neustadt an der Weinstraße", RP, "674", 49.35, 8.14, "NW"},
	{"Kaiserslautern", RP, "676", 49.44, 7.77, "KL"},
	{"Fulda", HE, "360", 50.55, 9.68, "FD"},
	{"Gießen", HE, "353", 50.58, 8.68, "GI"},
	{"Marburg", HE, "350", 50.81, 8.77, "MR"},
	{"Rosenheim", BY, "830", 47.86, 12.12, "RO"},
	{"Landshut", BY, "840", 48.54, 12.15, "LA"},
	{"Kempten (Allgäu)", BY, "874", 47.73, 10.31, "KE"},
	{"Tübingen", BW, "720", 48.52, 9.06, "TÜ"},
	{"Offenburg", BW, "776", 48.47, 7.94, "OG"}
};

static const char *const de_streets[] = {
	"Haupt", "Bahnhof", "Schul", "Garten", "Kirch", "Dorf", "Berg", "Wald",
	"Linden", "Birken", "Eichen", "Ahorn", "Buchen", "Rosen", "Tulpen",
	"Nelken", "Mühlen", "Wiesen", "Feld", "Sonnen", "Schiller", "Goethe",
	"Mozart", "Beethoven", "Bach", "Luther", "Kant", "Lessing", "Heine",
	"Fontane", "Uhland", "Kepler", "Humboldt", "Bismarck", "Kaiser",
	"König", "Markt", "Burg", "Schloss", "Park", "Brunnen", "Hafen",
	"Industrie", "Post", "Friedens", "Tannen", "Fichten", "Kastanien",
	"Blumen", "Amsel", "Drossel", "Finken", "Lerchen", "Meisen", "Raiffeisen",
	"Kolping", "Gutenberg", "Rathaus", "Mittel", "Ost", "West", "Nord",
	"Süd", "Alte Dorf", "Neue", "Bach", "See", "Ring", "Hohe", "Breite",
	"Lange", "Kurze", "Eschen", "Ulmen", "Erlen", "Weiden", "Holunder",
	"Flieder", "Akazien", "Jahn", "Wilhelm", "Friedrich", "Karl", "Luisen",
	"Dahlien", "Veilchen", "Kloster", "Mühlbach", "Sand", "Stein"
};

static const char *const de_street_types[] = {
	"straße", "straße", "straße", "straße", "weg", "weg", "allee", "ring",
	"gasse", "platz", "steig", "damm"
};

static const char *const de_company_stems[] = {
	"Nordlicht", "Südwind", "Westfalen", "Ostsee", "Rhein", "Elbe",
	"Alpen", "Stern", "Blautal", "Grünfeld", "Sonnenberg", "Bergland",
	"Hanse", "Donau", "Main", "Spree", "Isar", "Neckar", "Weser", "Harz",
	"Eifel", "Taunus", "Allgäu", "Nordsee", "Lindenhof", "Eichwald",
	"Brückner", "Falken", "Adler", "Kristall"
};

static const char *const de_company_trades[] = {
	"Logistik", "Bau", "Technik", "Software", "Energie", "Handel",
	"Versicherung", "Maschinenbau", "Medien", "Beratung", "Elektro",
	"Immobilien", "Pharma", "Automobil", "Systeme", "Transport",
	"Lebensmittel", "Druck", "Metallbau", "Solar", "Datentechnik",
	"Umwelttechnik", "Gebäudetechnik", "Möbel", "Textil"
};

static const char *const de_company_forms[] = {
	"GmbH", "GmbH", "GmbH", "GmbH", "AG", "KG", "GmbH & Co. KG", "e.K.",
	"OHG", "UG"
};

static const char *const de_jobs[] = {
	"Buchhalter", "Buchhalterin", "Steuerberater", "Steuerfachangestellte",
	"Controller", "Finanzanalystin", "Bankkaufmann", "Bankkauffrau",
	"Versicherungskaufmann", "Geschäftsführer", "Geschäftsführerin",
	"Vertriebsleiter", "Vertriebsmitarbeiterin", "Außendienstmitarbeiter",
	"Kundenberaterin", "Marketingmanagerin", "Produktmanager",
	"Projektleiter", "Projektleiterin", "Softwareentwickler",
	"Softwareentwicklerin", "Fachinformatiker", "Systemadministrator",
	"Datenbankadministratorin", "Datenanalyst", "IT-Berater",
	"Netzwerktechniker", "Webdesignerin", "Grafikdesigner", "Redakteurin",
	"Journalist", "Übersetzerin", "Personalreferentin", "Personalleiter",
	"Sachbearbeiter", "Sachbearbeiterin", "Bürokauffrau", "Sekretärin",
	"Assistenz der Geschäftsführung", "Einkäufer", "Lagerist",
	"Fachkraft für Lagerlogistik", "Berufskraftfahrer", "Disponentin",
	"Speditionskaufmann", "Industriemechaniker", "Mechatroniker",
	"Elektroniker", "Elektrikerin", "Schlosser", "Schweißer", "Tischler",
	"Zimmermann", "Maurer", "Dachdecker", "Installateur", "Kfz-Mechatroniker",
	"Maschinenbauingenieur", "Bauingenieurin", "Elektroingenieur",
	"Architektin", "Bauleiter", "Vermessungstechniker", "Krankenpfleger",
	"Gesundheits- und Krankenpflegerin", "Altenpflegerin", "Ärztin",
	"Arzt", "Zahnarzt", "Apothekerin", "Physiotherapeut", "Ergotherapeutin",
	"Medizinische Fachangestellte", "Rettungssanitäter", "Tierärztin",
	"Psychologin", "Sozialarbeiter", "Erzieherin", "Grundschullehrerin",
	"Gymnasiallehrer", "Professorin", "Bibliothekar", "Wissenschaftlerin",
	"Rechtsanwalt", "Rechtsanwältin", "Notarfachangestellte", "Richterin",
	"Polizist", "Feuerwehrmann", "Koch", "Köchin", "Bäcker", "Konditorin",
	"Fleischer", "Kellner", "Hotelfachfrau", "Restaurantleiter",
	"Einzelhandelskaufmann", "Verkäuferin", "Filialleiterin", "Friseurin",
	"Gärtner", "Landwirt", "Pilotin", "Flugbegleiter", "Fotografin",
	"Unternehmensberater", "Immobilienmaklerin", "Hausmeister"
};

static const char *const de_words[] = {
	"Zeit", "Jahr", "Mensch", "Tag", "Mann", "Frau", "Kind", "Welt", "Land",
	"Stadt", "Haus", "Arbeit", "Leben", "Hand", "Teil", "Weg", "Frage",
	"Seite", "Beispiel", "Familie", "Geld", "Schule", "Wasser", "Auge",
	"Woche", "Monat", "Abend", "Morgen", "Nacht", "Stunde", "Problem",
	"Ende", "Anfang", "Grund", "Recht", "Sache", "Gruppe", "Firma",
	"Unternehmen", "Kunde", "Auftrag", "Rechnung", "Lieferung", "Paket",
	"Termin", "Besprechung", "Projekt", "Plan", "Ziel", "Idee", "Ergebnis",
	"Bericht", "Zahl", "Preis", "Markt", "Wagen", "Straße", "Baum", "Garten",
	"Fluss", "Berg", "See", "Wald", "Brücke", "Brief", "Buch", "Bild",
	"Musik", "Sommer", "Winter", "Frühling", "Herbst", "Wetter", "Kaffee",
	"Essen", "Tisch", "Fenster", "Tür", "Zimmer", "Büro", "Team", "System",
	"Daten", "Version", "Qualität", "Kosten", "Entwicklung", "Lösung",
	"sein", "haben", "werden", "können", "müssen", "sagen", "machen",
	"geben", "kommen", "sollen", "wollen", "gehen", "wissen", "sehen",
	"lassen", "stehen", "finden", "bleiben", "liegen", "heißen", "denken",
	"nehmen", "tun", "dürfen", "glauben", "halten", "nennen", "mögen",
	"zeigen", "führen", "sprechen", "bringen", "leben", "fahren", "meinen",
	"fragen", "kennen", "gelten", "stellen", "spielen", "arbeiten",
	"brauchen", "folgen", "lernen", "bestehen", "verstehen", "setzen",
	"bekommen", "beginnen", "erzählen", "versuchen", "schreiben", "laufen",
	"erklären", "entsprechen", "sitzen", "ziehen", "scheinen", "fallen",
	"gehören", "entstehen", "erhalten", "treffen", "suchen", "legen",
	"planen", "liefern", "prüfen", "gut", "neu", "erste", "lang", "groß",
	"klein", "alt", "hoch", "jung", "früh", "spät", "schnell", "langsam",
	"wichtig", "einfach", "klar", "genau", "richtig", "ganz", "letzte",
	"schön", "stark", "frei", "voll", "warm", "kalt", "hell", "dunkel",
	"ruhig", "sicher", "möglich", "bereit", "heute", "morgen", "immer",
	"oft", "nie", "bald", "schon", "noch", "wieder", "auch", "sehr", "fast",
	"gern", "vielleicht", "jedoch", "später", "zusammen", "und", "oder",
	"aber", "denn", "weil", "dass", "wenn", "mit", "nach", "bei", "aus",
	"von", "vor", "über", "unter", "zwischen", "durch", "für", "ohne",
	"gegen", "um", "der", "die", "das", "die", "der", "ein", "eine", "dieser",
	"jede", "viele", "einige", "unser", "ihr", "wir", "sie", "es"
};

/*
 * German sentence grammar: nouns with their gender, verbs in the third
 * person singular, adjective stems (the ending is added by case and
 * gender), prepositions that take the accusative.
 */
static const char *const de_nouns[] = {
	/* masculine */
	"Plan", "Bericht", "Auftrag", "Umsatz", "Termin", "Vertrag", "Markt",
	"Preis", "Brief", "Weg", "Bus", "Zug", "Tisch", "Garten", "Bahnhof",
	"Prozess", "Rahmen", "Entwurf", "Antrag", "Katalog", "Zeitplan",
	"Raum", "Server", "Drucker", "Wagen", "Betrieb", "Standort", "Vorschlag",
	"Test", "Fehler", "Hinweis", "Eintrag", "Artikel", "Kalender",
	"Schlüssel", "Ordner", "Bescheid", "Versand", "Abschnitt", "Zugang",
	/* feminine */
	"Rechnung", "Lieferung", "Idee", "Frage", "Firma", "Gruppe", "Liste",
	"Stadt", "Straße", "Bestellung", "Anfrage", "Abteilung", "Aufgabe",
	"Lösung", "Nachricht", "Vorlage", "Übersicht", "Planung", "Prüfung",
	"Sitzung", "Kiste", "Karte", "Adresse", "Datei", "Tabelle", "Version",
	"Anlage", "Kasse", "Werkstatt", "Zahlung", "Besprechung", "Entscheidung",
	"Mappe", "Strecke", "Rückmeldung",
	/* neuter */
	"Team", "Projekt", "Paket", "Angebot", "Dokument", "Konto", "Formular",
	"Ergebnis", "Buch", "Bild", "Büro", "Lager", "Ziel", "Modell",
	"Protokoll", "Fenster", "Programm", "System", "Budget", "Gebäude",
	"Fahrzeug", "Werkzeug", "Handbuch", "Muster", "Thema", "Problem",
	"Verzeichnis", "Etikett", "Signal", "Postfach"
};

/* genders of de_nouns, in order (strong nouns only: no case endings) */
static const char de_noun_genders[] =
	"mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm"
	"fffffffffffffffffffffffffffffffffff"
	"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnn";

static const char *const de_verbs[] = {
	"prüft", "plant", "liefert", "schickt", "sendet", "bestellt",
	"bearbeitet", "erstellt", "öffnet", "schließt", "ändert", "bestätigt",
	"übernimmt", "findet", "braucht", "sucht", "zeigt", "bringt", "hält",
	"nimmt", "gibt", "liest", "schreibt", "kennt", "nutzt", "verwendet",
	"erhält", "bezahlt", "unterschreibt", "druckt", "speichert", "löscht",
	"teilt", "sortiert", "verschiebt", "beschreibt", "erklärt", "verbessert",
	"unterstützt", "organisiert", "vergleicht", "sammelt", "packt",
	"markiert", "repariert", "aktualisiert", "bespricht", "ersetzt",
	"verkauft", "kauft", "holt", "baut", "testet", "sieht"
};

static const char *const de_adjectives[] = {
	"neu", "alt", "groß", "klein", "gut", "schnell", "wichtig", "einfach",
	"klar", "richtig", "stark", "hell", "ruhig", "sicher", "jung", "lang",
	"kurz", "frei", "voll", "warm", "kalt", "nächst", "letzt", "erst",
	"fertig", "aktuell", "genau", "offen", "privat", "öffentlich",
	"dringend", "lokal", "regional", "digital", "monatlich", "jährlich",
	"täglich", "blau", "rot", "grün", "weiß", "schwarz", "ganz", "schön"
};

static const char *const de_adverbs[] = {
	"heute", "morgen", "oft", "bald", "schon", "wieder", "immer", "gern",
	"genau", "sofort", "später", "jetzt", "zuerst", "täglich", "pünktlich",
	"gemeinsam", "selten", "endlich", "noch", "sorgfältig"
};

/* first in the clause, the verb follows (V2) */
static const char *const de_time_adverbs[] = {
	"Heute", "Morgen", "Oft", "Bald", "Dann", "Jetzt", "Zuerst", "Später",
	"Danach", "Trotzdem", "Deshalb", "Täglich", "Am Montag", "Im Sommer",
	"Diese Woche", "Nächsten Monat", "Am Abend", "Endlich", "Natürlich",
	"Zum Glück", "Wie immer", "Vielleicht"
};

static const char *const de_preps[] = {
	"für", "ohne", "gegen", "durch", "um"
};

static const char *const de_conjunctions[] = {
	", und ", ", aber ", ", denn ", ", doch ", "; "
};

StaticAssertDecl(sizeof(de_noun_genders) - 1 == lengthof(de_nouns),
				 "every German noun needs a gender");

static const char *const de_countries[] = {
	"Vereinigte Staaten", "Kanada", "Mexiko", "Brasilien", "Argentinien",
	"Chile", "Kolumbien", "Peru", "Venezuela", "Ecuador", "Uruguay",
	"Paraguay", "Bolivien", "Kuba", "Jamaika", "Dominikanische Republik",
	"Costa Rica", "Panama", "Guatemala", "Honduras", "Vereinigtes Königreich",
	"Irland", "Frankreich", "Deutschland", "Niederlande", "Belgien",
	"Luxemburg", "Schweiz", "Österreich", "Italien", "Spanien", "Portugal",
	"Dänemark", "Norwegen", "Schweden", "Finnland", "Island", "Polen",
	"Tschechien", "Slowakei", "Ungarn", "Rumänien", "Bulgarien",
	"Griechenland", "Kroatien", "Slowenien", "Serbien", "Ukraine", "Litauen",
	"Lettland", "Estland", "Türkei", "Israel", "Ägypten", "Marokko",
	"Tunesien", "Algerien", "Nigeria", "Ghana", "Kenia", "Äthiopien",
	"Tansania", "Uganda", "Südafrika", "Senegal", "Kamerun",
	"Saudi-Arabien", "Vereinigte Arabische Emirate", "Katar", "Jordanien",
	"Libanon", "Indien", "Pakistan", "Bangladesch", "Sri Lanka", "Nepal",
	"China", "Japan", "Südkorea", "Taiwan", "Mongolei", "Vietnam",
	"Thailand", "Malaysia", "Singapur", "Indonesien", "Philippinen",
	"Kambodscha", "Australien", "Neuseeland", "Fidschi", "Kasachstan",
	"Usbekistan", "Georgien", "Armenien", "Zypern", "Malta", "Monaco",
	"Andorra", "Liechtenstein"
};

StaticAssertDecl(lengthof(en_countries) == lengthof(sd_fake_country_codes),
				 "English country names must match the country codes");
StaticAssertDecl(lengthof(de_countries) == lengthof(sd_fake_country_codes),
				 "German country names must match the country codes");

#include "fake_dict_intl.h"

const SdFakeDict sd_fake_dicts[] = {
	{
		"en",
		LIST(en_female), LIST(en_male), LIST(en_last),
		en_regions, lengthof(en_regions),
		en_cities, lengthof(en_cities),
		LIST(en_streets), LIST(en_street_types),
		LIST(en_company_stems), LIST(en_company_trades),
		LIST(en_company_forms),
		LIST(en_jobs), LIST(en_words), LIST(en_countries),
		LIST(en_nouns), NULL, LIST(en_verbs), LIST(en_adjectives),
		LIST(en_adverbs), LIST(en_time_adverbs), LIST(en_preps),
		LIST(en_modals), LIST(en_openers), LIST(en_conjunctions),
		"United States", "US"
	},
	{
		"de",
		LIST(de_female), LIST(de_male), LIST(de_last),
		de_regions, lengthof(de_regions),
		de_cities, lengthof(de_cities),
		LIST(de_streets), LIST(de_street_types),
		LIST(de_company_stems), LIST(de_company_trades),
		LIST(de_company_forms),
		LIST(de_jobs), LIST(de_words), LIST(de_countries),
		LIST(de_nouns), de_noun_genders, LIST(de_verbs), LIST(de_adjectives),
		LIST(de_adverbs), LIST(de_time_adverbs), LIST(de_preps),
		{NULL, 0}, {NULL, 0}, LIST(de_conjunctions),
		"Deutschland", "DE"
	},
	SD_FAKE_INTL_DICTS
};
const int	sd_fake_ndicts = lengthof(sd_fake_dicts);
