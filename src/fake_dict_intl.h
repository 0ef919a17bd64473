/*-------------------------------------------------------------------------
 *
 * fake_dict_intl.h
 *		Dictionaries of the fake-value engine for French (France), Spanish
 *		(Spain), Italian (Italy), Dutch (Netherlands), Portuguese (Brazil)
 *		and Japanese (Japan).
 *
 * Included by fake_dict.c only, after the English lists (whose sentence
 * grammar and country names these locales share: free text in these
 * locales is English).  Common given names, surnames, place names and
 * words are facts; the lists were compiled for synthdata.  Postal
 * prefixes are the first three digits of codes in use in the city;
 * fake_intl.c writes each country's layout.  Japanese names come with
 * their romanisation (fake_intl.c) for email addresses and user names.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fake_dict_intl.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_FAKE_DICT_INTL_H
#define SYNTHDATA_FAKE_DICT_INTL_H

/* ---- French (France) ---- */
static const char *const fr_female[] = {
	"Marie", "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah",
	"Julie", "Louise", "Juliette", "Claire", "Élodie", "Nathalie", "Isabelle",
	"Sophie", "Céline", "Aurélie", "Margaux", "Pauline"
};
static const char *const fr_male[] = {
	"Jean", "Pierre", "Louis", "Lucas", "Hugo", "Thomas", "Nicolas", "Julien",
	"Antoine", "Mathieu", "François", "Olivier", "Laurent", "Guillaume",
	"Théo", "Maxime", "Sébastien", "Étienne", "Benoît", "Arnaud"
};
static const char *const fr_last[] = {
	"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
	"Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel",
	"Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
	"Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François",
	"Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin"
};
static const SdFakeRegion fr_regions[] = {
	{"Île-de-France", "IDF"}, {"Auvergne-Rhône-Alpes", "ARA"},
	{"Provence-Alpes-Côte d'Azur", "PACA"}, {"Occitanie", "OCC"},
	{"Nouvelle-Aquitaine", "NAQ"}, {"Hauts-de-France", "HDF"},
	{"Grand Est", "GES"}, {"Pays de la Loire", "PDL"}, {"Bretagne", "BRE"}
};
static const SdFakeCity fr_cities[] = {
	{"Paris", 0, "750", 48.86, 2.35, NULL},
	{"Lyon", 1, "690", 45.76, 4.84, NULL},
	{"Marseille", 2, "130", 43.30, 5.37, NULL},
	{"Toulouse", 3, "310", 43.60, 1.44, NULL},
	{"Nice", 2, "060", 43.70, 7.27, NULL},
	{"Bordeaux", 4, "330", 44.84, -0.58, NULL},
	{"Lille", 5, "590", 50.63, 3.06, NULL},
	{"Strasbourg", 6, "670", 48.57, 7.75, NULL},
	{"Nantes", 7, "440", 47.22, -1.55, NULL},
	{"Montpellier", 3, "340", 43.61, 3.88, NULL},
	{"Rennes", 8, "350", 48.11, -1.68, NULL},
	{"Grenoble", 1, "380", 45.19, 5.72, NULL},
	{"Versailles", 0, "780", 48.80, 2.13, NULL},
	{"Reims", 6, "510", 49.26, 4.03, NULL}
};
static const char *const fr_streets[] = {
	"de la République", "Victor Hugo", "de la Gare", "Jean Jaurès",
	"du Général de Gaulle", "Pasteur", "de l'Église", "des Écoles",
	"du Moulin", "de la Paix", "Voltaire", "des Lilas", "du Château",
	"Gambetta", "de la Liberté", "des Tilleuls"
};
static const char *const fr_street_types[] = {
	"rue", "rue", "rue", "avenue", "boulevard", "place", "allée", "impasse"
};
static const char *const fr_company_stems[] = {
	"Azur", "Lumière", "Horizon", "Atlantique", "Alpes", "Loire", "Provence",
	"Étoile", "Rivage", "Bocage"
};
static const char *const fr_company_trades[] = {
	"Logistique", "Conseil", "Bâtiment", "Informatique", "Énergie",
	"Transports", "Assurances", "Immobilier", "Distribution", "Industries"
};
static const char *const fr_company_forms[] = {
	"SARL", "SARL", "SAS", "SA", "EURL", "SNC"
};
static const char *const fr_jobs[] = {
	"Comptable", "Ingénieur logiciel", "Chef de projet", "Infirmière",
	"Professeur", "Responsable commercial", "Assistante de direction",
	"Technicien de maintenance", "Pharmacien", "Avocat", "Architecte",
	"Directeur financier", "Chargée de communication", "Boulanger",
	"Électricien", "Analyste de données"
};
static const char *const fr_words[] = {
	"maison", "jardin", "soleil", "livre", "route", "ville", "projet",
	"rapport", "client", "bureau", "marché", "réunion", "voyage", "musique",
	"lumière", "forêt", "rivière", "montagne", "fenêtre", "table"
};

/* ---- Spanish (Spain) ---- */
static const char *const es_female[] = {
	"María", "Lucía", "Paula", "Laura", "Marta", "Ana", "Carmen", "Sofía",
	"Elena", "Isabel", "Cristina", "Sara", "Alba", "Raquel", "Pilar",
	"Nuria", "Beatriz", "Rocío", "Irene", "Julia"
};
static const char *const es_male[] = {
	"Antonio", "José", "Manuel", "Francisco", "David", "Juan", "Javier",
	"Daniel", "Carlos", "Alejandro", "Pablo", "Sergio", "Jorge", "Álvaro",
	"Miguel", "Rafael", "Pedro", "Adrián", "Iván", "Raúl"
};
static const char *const es_last[] = {
	"García", "Rodríguez", "González", "Fernández", "López", "Martínez",
	"Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández",
	"Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez",
	"Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Serrano",
	"Blanco", "Molina", "Castro", "Ortega", "Delgado", "Ibáñez"
};
static const SdFakeRegion es_regions[] = {
	{"Comunidad de Madrid", "MD"}, {"Cataluña", "CT"}, {"Andalucía", "AN"},
	{"Comunidad Valenciana", "VC"}, {"País Vasco", "PV"}, {"Aragón", "AR"},
	{"Galicia", "GA"}, {"Castilla y León", "CL"}, {"Región de Murcia", "MC"}
};
static const SdFakeCity es_cities[] = {
	{"Madrid", 0, "280", 40.42, -3.70, NULL},
	{"Barcelona", 1, "080", 41.39, 2.17, NULL},
	{"Valencia", 3, "460", 39.47, -0.38, NULL},
	{"Sevilla", 2, "410", 37.39, -5.98, NULL},
	{"Zaragoza", 5, "500", 41.65, -0.89, NULL},
	{"Málaga", 2, "290", 36.72, -4.42, NULL},
	{"Murcia", 8, "300", 37.99, -1.13, NULL},
	{"Bilbao", 4, "480", 43.26, -2.93, NULL},
	{"Alicante", 3, "030", 38.35, -0.48, NULL},
	{"Córdoba", 2, "140", 37.89, -4.78, NULL},
	{"Valladolid", 7, "470", 41.65, -4.72, NULL},
	{"Vigo", 6, "362", 42.24, -8.72, NULL},
	{"Granada", 2, "180", 37.18, -3.60, NULL},
	{"Girona", 1, "170", 41.98, 2.82, NULL}
};
static const char *const es_streets[] = {
	"Mayor", "de la Constitución", "Real", "del Sol", "de Cervantes",
	"de la Iglesia", "Nueva", "de Goya", "de Alcalá", "de San Juan",
	"del Carmen", "de la Paz", "de Colón", "de Serrano", "del Pilar"
};
static const char *const es_street_types[] = {
	"Calle", "Calle", "Calle", "Avenida", "Paseo", "Plaza", "Camino"
};
static const char *const es_company_stems[] = {
	"Ibérica", "Mediterráneo", "Levante", "Cantábrico", "Sol", "Meseta",
	"Atlántico", "Pirineo", "Ebro", "Tajo"
};
static const char *const es_company_trades[] = {
	"Logística", "Consultores", "Construcciones", "Informática", "Energía",
	"Transportes", "Seguros", "Inmobiliaria", "Distribución", "Alimentación"
};
static const char *const es_company_forms[] = {
	"S.L.", "S.L.", "S.L.", "S.A.", "S.L.U.", "S.Coop."
};
static const char *const es_jobs[] = {
	"Contable", "Ingeniero de software", "Jefe de proyecto", "Enfermera",
	"Profesor", "Director comercial", "Administrativa", "Técnico de mantenimiento",
	"Farmacéutica", "Abogado", "Arquitecta", "Director financiero",
	"Analista de datos", "Electricista", "Camarero", "Dependienta"
};
static const char *const es_words[] = {
	"casa", "jardín", "sol", "libro", "camino", "ciudad", "proyecto",
	"informe", "cliente", "oficina", "mercado", "reunión", "viaje", "música",
	"luz", "bosque", "río", "montaña", "ventana", "mesa"
};

/* ---- Italian (Italy) ---- */
static const char *const it_female[] = {
	"Giulia", "Francesca", "Chiara", "Sara", "Martina", "Valentina",
	"Alessia", "Elena", "Federica", "Silvia", "Anna", "Laura", "Paola",
	"Giorgia", "Elisa", "Sofia", "Aurora", "Beatrice", "Roberta", "Ilaria"
};
static const char *const it_male[] = {
	"Marco", "Alessandro", "Giuseppe", "Luca", "Andrea", "Francesco",
	"Matteo", "Lorenzo", "Davide", "Simone", "Federico", "Stefano",
	"Roberto", "Giovanni", "Paolo", "Riccardo", "Niccolò", "Fabio",
	"Antonio", "Massimo"
};
static const char *const it_last[] = {
	"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo",
	"Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca",
	"Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
	"Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso",
	"Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Vitale"
};
static const SdFakeRegion it_regions[] = {
	{"Lazio", "RM"}, {"Lombardia", "MI"}, {"Campania", "NA"},
	{"Piemonte", "TO"}, {"Sicilia", "PA"}, {"Liguria", "GE"},
	{"Emilia-Romagna", "BO"}, {"Toscana", "FI"}, {"Veneto", "VE"},
	{"Puglia", "BA"}
};
static const SdFakeCity it_cities[] = {
	{"Roma", 0, "001", 41.90, 12.50, NULL},
	{"Milano", 1, "201", 45.46, 9.19, NULL},
	{"Napoli", 2, "801", 40.85, 14.27, NULL},
	{"Torino", 3, "101", 45.07, 7.69, NULL},
	{"Palermo", 4, "901", 38.12, 13.36, NULL},
	{"Genova", 5, "161", 44.41, 8.93, NULL},
	{"Bologna", 6, "401", 44.49, 11.34, NULL},
	{"Firenze", 7, "501", 43.77, 11.26, NULL},
	{"Venezia", 8, "301", 45.44, 12.32, NULL},
	{"Bari", 9, "701", 41.12, 16.87, NULL},
	{"Verona", 8, "371", 45.44, 10.99, NULL},
	{"Catania", 4, "951", 37.50, 15.09, NULL},
	{"Bergamo", 1, "241", 45.70, 9.67, NULL},
	{"Pisa", 7, "561", 43.72, 10.40, NULL}
};
static const char *const it_streets[] = {
	"Roma", "Garibaldi", "Mazzini", "Cavour", "Dante", "Vittorio Emanuele",
	"Verdi", "Marconi", "della Repubblica", "XX Settembre", "dei Mille",
	"Manzoni", "San Francesco", "del Corso", "Matteotti"
};
static const char *const it_street_types[] = {
	"Via", "Via", "Via", "Viale", "Piazza", "Corso", "Vicolo"
};
static const char *const it_company_stems[] = {
	"Adriatica", "Tirrenica", "Alpina", "Padana", "Sole", "Aurora",
	"Vesuvio", "Etna", "Arno", "Dolomiti"
};
static const char *const it_company_trades[] = {
	"Logistica", "Consulenze", "Costruzioni", "Informatica", "Energia",
	"Trasporti", "Assicurazioni", "Immobiliare", "Distribuzione", "Alimentari"
};
static const char *const it_company_forms[] = {
	"S.r.l.", "S.r.l.", "S.r.l.", "S.p.A.", "S.n.c.", "S.a.s."
};
static const char *const it_jobs[] = {
	"Contabile", "Ingegnere del software", "Project manager", "Infermiera",
	"Insegnante", "Responsabile commerciale", "Impiegata amministrativa",
	"Tecnico manutentore", "Farmacista", "Avvocato", "Architetto",
	"Direttore finanziario", "Analista dati", "Elettricista", "Cameriere",
	"Commessa"
};
static const char *const it_words[] = {
	"casa", "giardino", "sole", "libro", "strada", "città", "progetto",
	"rapporto", "cliente", "ufficio", "mercato", "riunione", "viaggio",
	"musica", "luce", "bosco", "fiume", "montagna", "finestra", "tavolo"
};

/* ---- Dutch (Netherlands) ---- */
static const char *const nl_female[] = {
	"Emma", "Julia", "Sophie", "Anna", "Lisa", "Eva", "Sanne", "Fleur",
	"Lotte", "Femke", "Iris", "Noor", "Anouk", "Marloes", "Ingrid",
	"Annelies", "Mirjam", "Esther", "Linda", "Saskia"
};
static const char *const nl_male[] = {
	"Jan", "Daan", "Sem", "Lucas", "Bram", "Thijs", "Ruben", "Lars", "Jeroen",
	"Pieter", "Willem", "Kees", "Joost", "Maarten", "Sander", "Bas", "Niels",
	"Tim", "Hendrik", "Gijs"
};
static const char *const nl_last[] = {
	"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker",
	"Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
	"Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
	"de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok",
	"Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "Verhoeven"
};
static const SdFakeRegion nl_regions[] = {
	{"Noord-Holland", "NH"}, {"Zuid-Holland", "ZH"}, {"Utrecht", "UT"},
	{"Noord-Brabant", "NB"}, {"Groningen", "GR"}, {"Gelderland", "GE"},
	{"Limburg", "LI"}, {"Overijssel", "OV"}
};
static const SdFakeCity nl_cities[] = {
	{"Amsterdam", 0, "101", 52.37, 4.90, NULL},
	{"Rotterdam", 1, "301", 51.92, 4.48, NULL},
	{"Den Haag", 1, "251", 52.08, 4.30, NULL},
	{"Utrecht", 2, "351", 52.09, 5.12, NULL},
	{"Eindhoven", 3, "561", 51.44, 5.47, NULL},
	{"Groningen", 4, "971", 53.22, 6.57, NULL},
	{"Tilburg", 3, "501", 51.56, 5.09, NULL},
	{"Nijmegen", 5, "651", 51.84, 5.86, NULL},
	{"Haarlem", 0, "201", 52.38, 4.64, NULL},
	{"Arnhem", 5, "681", 51.98, 5.91, NULL},
	{"Maastricht", 6, "621", 50.85, 5.69, NULL},
	{"Leiden", 1, "231", 52.16, 4.49, NULL},
	{"Enschede", 7, "751", 52.22, 6.89, NULL},
	{"Breda", 3, "481", 51.59, 4.78, NULL}
};
static const char *const nl_streets[] = {
	"Kerk", "Dorp", "School", "Molen", "Stations", "Juliana", "Beatrix",
	"Wilhelmina", "Linden", "Eiken", "Berken", "Haven", "Brink", "Park",
	"Prinsen", "Heren"
};
static const char *const nl_street_types[] = {
	"straat", "straat", "straat", "weg", "laan", "gracht", "plein", "kade"
};
static const char *const nl_company_stems[] = {
	"Noordzee", "Polder", "Delta", "Tulp", "Oranje", "Molen", "Duin",
	"Waddenzee", "Rijnmond", "Veluwe"
};
static const char *const nl_company_trades[] = {
	"Logistiek", "Advies", "Bouw", "Software", "Energie", "Transport",
	"Verzekeringen", "Vastgoed", "Groothandel", "Techniek"
};
static const char *const nl_company_forms[] = {
	"B.V.", "B.V.", "B.V.", "N.V.", "V.O.F.", "C.V."
};
static const char *const nl_jobs[] = {
	"Boekhouder", "Softwareontwikkelaar", "Projectleider", "Verpleegkundige",
	"Docent", "Accountmanager", "Office manager", "Monteur", "Apotheker",
	"Advocaat", "Architect", "Financieel directeur", "Data-analist",
	"Elektricien", "Kok", "Verkoopmedewerker"
};
static const char *const nl_words[] = {
	"huis", "tuin", "zon", "boek", "weg", "stad", "project", "verslag",
	"klant", "kantoor", "markt", "vergadering", "reis", "muziek", "licht",
	"bos", "rivier", "dijk", "raam", "tafel"
};

/* ---- Portuguese (Brazil) ---- */
static const char *const pt_female[] = {
	"Maria", "Ana", "Juliana", "Mariana", "Fernanda", "Beatriz", "Camila",
	"Larissa", "Letícia", "Gabriela", "Patrícia", "Aline", "Bruna", "Vitória",
	"Luana", "Adriana", "Sandra", "Júlia", "Isabela", "Débora"
};
static const char *const pt_male[] = {
	"João", "José", "Pedro", "Lucas", "Gabriel", "Rafael", "Matheus",
	"Gustavo", "Felipe", "Bruno", "Thiago", "Rodrigo", "Marcelo", "Carlos",
	"Eduardo", "André", "Paulo", "Vinícius", "Leonardo", "Sérgio"
};
static const char *const pt_last[] = {
	"Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves",
	"Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho",
	"Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa", "Rocha",
	"Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Marques",
	"Machado", "Mendes", "Freitas", "Cardoso", "Araújo", "Conceição"
};
static const SdFakeRegion pt_regions[] = {
	{"São Paulo", "SP"}, {"Rio de Janeiro", "RJ"}, {"Minas Gerais", "MG"},
	{"Bahia", "BA"}, {"Paraná", "PR"}, {"Rio Grande do Sul", "RS"},
	{"Pernambuco", "PE"}, {"Ceará", "CE"}, {"Distrito Federal", "DF"},
	{"Amazonas", "AM"}
};
static const SdFakeCity pt_cities[] = {
	{"São Paulo", 0, "013", -23.55, -46.63, NULL},
	{"Rio de Janeiro", 1, "200", -22.91, -43.17, NULL},
	{"Belo Horizonte", 2, "301", -19.92, -43.94, NULL},
	{"Salvador", 3, "401", -12.97, -38.50, NULL},
	{"Curitiba", 4, "800", -25.43, -49.27, NULL},
	{"Porto Alegre", 5, "900", -30.03, -51.23, NULL},
	{"Recife", 6, "500", -8.05, -34.88, NULL},
	{"Fortaleza", 7, "600", -3.73, -38.53, NULL},
	{"Brasília", 8, "700", -15.79, -47.88, NULL},
	{"Manaus", 9, "690", -3.12, -60.02, NULL},
	{"Campinas", 0, "130", -22.91, -47.06, NULL},
	{"Niterói", 1, "240", -22.88, -43.10, NULL},
	{"Londrina", 4, "860", -23.31, -51.16, NULL},
	{"Santos", 0, "110", -23.96, -46.33, NULL}
};
static const char *const pt_streets[] = {
	"das Flores", "Sete de Setembro", "XV de Novembro", "Tiradentes",
	"São João", "Santos Dumont", "Getúlio Vargas", "da Consolação",
	"Paulista", "Brasil", "Marechal Deodoro", "Dom Pedro II",
	"das Palmeiras", "Rui Barbosa", "Castro Alves"
};
static const char *const pt_street_types[] = {
	"Rua", "Rua", "Rua", "Avenida", "Travessa", "Alameda", "Praça"
};
static const char *const pt_company_stems[] = {
	"Horizonte", "Atlântica", "Cerrado", "Amazônia", "Sol Nascente",
	"Ipê", "Paraná", "Litoral", "Serra Azul", "Boa Vista"
};
static const char *const pt_company_trades[] = {
	"Logística", "Consultoria", "Construtora", "Tecnologia", "Energia",
	"Transportes", "Seguros", "Imobiliária", "Distribuidora", "Alimentos"
};
static const char *const pt_company_forms[] = {
	"Ltda.", "Ltda.", "Ltda.", "S.A.", "ME", "EIRELI"
};
static const char *const pt_jobs[] = {
	"Contador", "Desenvolvedor de software", "Gerente de projetos",
	"Enfermeira", "Professora", "Gerente comercial", "Assistente administrativo",
	"Técnico de manutenção", "Farmacêutica", "Advogado", "Arquiteta",
	"Diretor financeiro", "Analista de dados", "Eletricista", "Garçom",
	"Vendedora"
};
static const char *const pt_words[] = {
	"casa", "jardim", "sol", "livro", "estrada", "cidade", "projeto",
	"relatório", "cliente", "escritório", "mercado", "reunião", "viagem",
	"música", "luz", "floresta", "rio", "montanha", "janela", "mesa"
};

/* ---- Japanese (Japan) ---- */
static const char *const ja_female[] = {
	"陽子", "花子", "美咲", "さくら", "結衣", "優子", "恵子", "由美",
	"直美", "真由美", "愛", "彩", "葵", "陽菜", "凛", "明美"
};
static const char *const ja_male[] = {
	"太郎", "健太", "翔太", "大輔", "拓也", "浩", "誠", "隆",
	"直樹", "蓮", "大翔", "悠真", "和也", "一郎", "健一", "聡"
};
static const char *const ja_last[] = {
	"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村",
	"小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上",
	"木村", "林", "斎藤", "清水"
};
static const SdFakeRegion ja_regions[] = {
	{"東京都", "13"}, {"大阪府", "27"}, {"神奈川県", "14"}, {"愛知県", "23"},
	{"北海道", "01"}, {"福岡県", "40"}, {"京都府", "26"}, {"兵庫県", "28"}
};
static const SdFakeCity ja_cities[] = {
	{"千代田区", 0, "100", 35.69, 139.75, NULL},
	{"新宿区", 0, "160", 35.69, 139.70, NULL},
	{"世田谷区", 0, "154", 35.65, 139.65, NULL},
	{"大阪市", 1, "530", 34.69, 135.50, NULL},
	{"横浜市", 2, "220", 35.44, 139.64, NULL},
	{"川崎市", 2, "210", 35.53, 139.70, NULL},
	{"名古屋市", 3, "450", 35.18, 136.91, NULL},
	{"札幌市", 4, "060", 43.06, 141.35, NULL},
	{"福岡市", 5, "810", 33.59, 130.40, NULL},
	{"京都市", 6, "600", 35.01, 135.77, NULL},
	{"神戸市", 7, "650", 34.69, 135.20, NULL},
	{"堺市", 1, "590", 34.57, 135.48, NULL}
};
static const char *const ja_streets[] = {
	"本町", "中央", "栄町", "緑町", "桜木町", "旭町", "松原", "東町",
	"西町", "南町", "北町", "大手町", "丸の内", "青葉台"
};
static const char *const ja_street_types[] = {"丁目"};
static const char *const ja_company_stems[] = {
	"富士", "日の出", "さくら", "大和", "東洋", "青空", "光", "北斗",
	"若葉", "瑞穂"
};
static const char *const ja_company_trades[] = {
	"物流", "商事", "建設", "システム", "電機", "運輸", "保険", "不動産",
	"食品", "工業"
};
static const char *const ja_company_forms[] = {
	"株式会社", "株式会社", "株式会社", "有限会社", "合同会社"
};
static const char *const ja_jobs[] = {
	"経理担当", "ソフトウェアエンジニア", "プロジェクトマネージャー",
	"看護師", "教師", "営業部長", "事務職", "保守技術者", "薬剤師",
	"弁護士", "建築士", "財務部長", "データアナリスト", "電気工事士",
	"調理師", "販売員"
};
static const char *const ja_words[] = {
	"家", "庭", "太陽", "本", "道", "町", "計画", "報告", "顧客", "事務所",
	"市場", "会議", "旅行", "音楽", "光", "森", "川", "山", "窓", "机"
};

/* the entries of sd_fake_dicts for these locales, in SD_FAKE_LOCALE_ order */
#define INTL_DICT(code, p, country, iso) \
	{ \
		code, \
		LIST(p##_female), LIST(p##_male), LIST(p##_last), \
		p##_regions, lengthof(p##_regions), \
		p##_cities, lengthof(p##_cities), \
		LIST(p##_streets), LIST(p##_street_types), \
		LIST(p##_company_stems), LIST(p##_company_trades), \
		LIST(p##_company_forms), \
		LIST(p##_jobs), LIST(p##_words), LIST(en_countries), \
		LIST(en_nouns), NULL, LIST(en_verbs), LIST(en_adjectives), \
		LIST(en_adverbs), LIST(en_time_adverbs), LIST(en_preps), \
		LIST(en_modals), LIST(en_openers), LIST(en_conjunctions), \
		country, iso \
	}

#define SD_FAKE_INTL_DICTS \
	INTL_DICT("fr", fr, "France", "FR"), \
	INTL_DICT("es", es, "España", "ES"), \
	INTL_DICT("it", it, "Italia", "IT"), \
	INTL_DICT("nl", nl, "Nederland", "NL"), \
	INTL_DICT("pt_BR", pt, "Brasil", "BR"), \
	INTL_DICT("ja", ja, "日本", "JP")

#endif							/* SYNTHDATA_FAKE_DICT_INTL_H */
