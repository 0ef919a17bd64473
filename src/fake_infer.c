/*-------------------------------------------------------------------------
 *
 * fake_infer.c
 *		Which fake kind fits a column, judged by its name, and which kind a
 *		value looks like, judged by its pattern or the dictionaries.
 *
 * Column names are split into lower-case tokens on non-alphanumerics,
 * letter/digit changes and camelCase ("billingZIPCode2" -> billing, zip,
 * code, 2).  The rightmost token that names a kind (the "head") decides,
 * read in the context of its neighbours: "email_address" is an email,
 * "ip_address" an IP, "billing_address" a street address; "name" is a
 * person's name alone or after a person word ("customer_name") but not
 * after "product" or "file".  A head followed by a word that turns it into
 * something else ("email_verified", "city_id", "phone_count") or a name
 * starting with "is"/"has"/"num" gives no kind.
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fake_infer.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "utils/formatting.h"
#include "utils/memutils.h"

#include "fake.h"
#include "fake_dict.h"

#define MAX_TOKENS	16
#define MAX_TOKEN_LEN 32

typedef struct Tokens
{
	int			n;
	char		tok[MAX_TOKENS][MAX_TOKEN_LEN];
} Tokens;

static void
tokenize(const char *name, Tokens *t)
{
	const unsigned char *p = (const unsigned char *) name;
	int			len = 0;

	t->n = 0;
	for (; *p && t->n < MAX_TOKENS; p++)
	{
		unsigned char c = *p;
		bool		boundary = false;

		if (!isalnum(c) || c >= 0x80)
		{
			if (len > 0)
			{
				t->tok[t->n][len] = '\0';
				t->n++;
				len = 0;
			}
			continue;
		}
		if (len > 0)
		{
			unsigned char prev = p[-1];

			if (isdigit(c) != isdigit(prev))
				boundary = true;	/* address1, ipv6 */
			else if (isupper(c) && islower(prev))
				boundary = true;	/* firstName */
			else if (isupper(c) && isupper(prev) && islower(p[1]))
				boundary = true;	/* IPAddress: split before the "A" */
		}
		if (boundary)
		{
			t->tok[t->n][len] = '\0';
			t->n++;
			len = 0;
			if (t->n >= MAX_TOKENS)
				break;
		}
		if (len < MAX_TOKEN_LEN - 1)
			t->tok[t->n][len++] = (char) tolower(c);
	}
	if (len > 0 && t->n < MAX_TOKENS)
	{
		t->tok[t->n][len] = '\0';
		t->n++;
	}
}

static bool
in_list(const char *tok, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(tok, *list) == 0)
			return true;
	return false;
}

/* words after a head that make it something other than the value */
static const char *const trailing_stop[] = {
	"id", "ids", "uuid", "guid", "key", "code", "count", "cnt", "type",
	"flag", "verified", "confirmed", "hash", "hashed", "status", "enabled",
	"valid", "length", "len", "size", "at", "date", "time", "ts", "on",
	"sent", "optin", "opt", "format", "pattern", "mask", "visible", "public",
	"token", "checksum", "index", "idx", "group", "range", "bucket", "band",
	"category", "class", "level", "score", "source", "changed", "updated",
	"created", "bounced", "consent", "pref", "preference", "template",
	"encrypted", "ref", "fk", "pk", "seq", "version", "lang", "language",
	"limit", "max", "min", "offset", "rank", "order", "weight", "total",
	"precision", "accuracy", "error", "unit", "units", "scale", "digits",
	"ext", "extension", "prefix", "suffix", "salt", "iv",
	NULL
};

/* first words that make a name a flag or a count */
static const char *const leading_stop[] = {
	"is", "has", "num", "n", "nb", "count", "cnt", "total", "max", "min",
	"avg", "sum", "no", "can", "should", "allow", "use", "show", "hide",
	NULL
};

static const char *const person_words[] = {
	"customer", "contact", "user", "person", "employee", "client", "patient",
	"author", "owner", "manager", "full", "display", "member", "student",
	"teacher", "driver", "guest", "buyer", "seller", "recipient", "sender",
	"holder", "cardholder", "applicant", "candidate", "passenger", "doctor",
	"physician", "nurse", "agent", "representative", "rep", "supervisor",
	"emergency", "spouse", "parent", "mother", "father", "child",
	"beneficiary", "signer", "legal", "real", "billing", "shipping", "my",
	"your", "staff", "worker", "subscriber", "traveler", "traveller",
	"attendee", "participant", "speaker", "reviewer", "assignee",
	"reporter", "creator", "requester", "approver", "borrower", "tenant",
	"landlord", "account", "person", "people", "individual", "primary",
	"secondary", "insured", "policyholder", "caller", "visitor", NULL
};

static const char *const company_words[] = {
	"company", "business", "org", "organisation", "organization", "employer",
	"firm", "vendor", "supplier", "merchant", "corporation", "corp",
	"enterprise", "agency", "client", "customer", "partner", "bank",
	"insurer", "carrier", "manufacturer", "brand", NULL
};

static const char *const place_words[] = {
	"billing", "shipping", "home", "mailing", "residence", "residential",
	"customer", "delivery", "work", "office", "business", "current",
	"permanent", "postal", "birth", "origin", "destination", "pickup",
	"dropoff", "primary", "secondary", "physical", "legal", "company",
	"contact", "user", "employee", "patient", "client", "store", "branch",
	"hq", "headquarters", "ship", "bill", "from", "to", NULL
};

#define TOK(i)		(t->tok[(i)])
#define PREV_IS(s)	(i > 0 && strcmp(TOK(i - 1), (s)) == 0)
#define PREV_IN(l)	(i > 0 && in_list(TOK(i - 1), (l)))
#define IS(s)		(strcmp(tok, (s)) == 0)

/* a group of head_kind's tests found nothing: the next group reads the token */
#define HEAD_NEXT	(-2)

/* head_kind for person: a kind, SD_FAKE_NONE, -1, or HEAD_NEXT */
static int
head_person(const Tokens *t, int i)
{
	const char *tok = TOK(i);
	bool		alone = (t->n == 1);

	/* ---- person ---- */
	if (IS("firstname") || IS("fname") || IS("givenname") || IS("forename") ||
		IS("middlename"))
		return SD_FAKE_FIRST_NAME;
	if (IS("lastname") || IS("lname") || IS("surname") ||
		IS("familyname") || IS("maidenname"))
		return SD_FAKE_LAST_NAME;
	if (IS("fullname") || IS("displayname") || IS("contactname") ||
		IS("customername"))
		return SD_FAKE_FULL_NAME;
	if (IS("name"))
	{
		static const char *const first_w[] = {"first", "given", "fore",
		"christian", "middle", NULL};
		static const char *const last_w[] = {"last", "family", "sur",
		"maiden", NULL};
		static const char *const user_w[] = {"user", "login", "screen",
		"nick", NULL};

		if (alone)
			return SD_FAKE_FULL_NAME;
		if (i == 0)
			return SD_FAKE_NONE;	/* name_of_..., name_suffix */
		if (PREV_IN(first_w))
			return SD_FAKE_FIRST_NAME;
		if (PREV_IN(last_w))
			return SD_FAKE_LAST_NAME;
		if (PREV_IN(user_w))
			return SD_FAKE_USERNAME;
		if (PREV_IN(company_words) && !PREV_IS("customer") &&
			!PREV_IS("client") && !PREV_IS("account"))
			return SD_FAKE_COMPANY;
		if (PREV_IS("city") || PREV_IS("town"))
			return SD_FAKE_CITY;
		if (PREV_IS("country"))
			return SD_FAKE_COUNTRY;
		if (PREV_IS("state") || PREV_IS("region") || PREV_IS("province"))
			return SD_FAKE_STATE;
		if (PREV_IS("street"))
			return SD_FAKE_STREET_ADDRESS;
		if (PREV_IS("domain") || PREV_IS("host"))
			return SD_FAKE_DOMAIN;
		if (PREV_IS("job"))
			return SD_FAKE_JOB_TITLE;
		if (PREV_IN(person_words))
			return SD_FAKE_FULL_NAME;
		return SD_FAKE_NONE;	/* product_name, file_name */
	}
	if (IS("gender") || IS("sex"))
		return SD_FAKE_GENDER;
	return HEAD_NEXT;
}

/* head_kind for internet: a kind, SD_FAKE_NONE, -1, or HEAD_NEXT */
static int
head_internet(const Tokens *t, int i)
{
	const char *tok = TOK(i);
	bool		alone = (t->n == 1);

	/* ---- internet ---- */
	if (IS("email") || IS("emailaddress") || IS("emailaddr"))
		return SD_FAKE_EMAIL;
	if (IS("mail"))
	{
		if (PREV_IS("e") || alone || i == 0 || PREV_IN(person_words) ||
			PREV_IN(place_words) || PREV_IS("contact"))
			return SD_FAKE_EMAIL;
		return SD_FAKE_NONE;	/* voice_mail, snail_mail */
	}
	if (IS("username") || IS("userid") || IS("handle") ||
		IS("screenname") || IS("nickname") || IS("nick"))
		return SD_FAKE_USERNAME;
	if (IS("login"))
		return (alone || PREV_IS("user") || PREV_IS("account")) ?
			SD_FAKE_USERNAME : SD_FAKE_NONE;
	if (IS("url") || IS("uri") || IS("website") || IS("homepage") ||
		IS("webpage") || IS("weburl"))
		return SD_FAKE_URL;
	if (IS("site") && PREV_IS("web"))
		return SD_FAKE_URL;
	if (IS("link") && alone)
		return SD_FAKE_URL;
	if (IS("domain") || IS("hostname") || IS("fqdn"))
		return SD_FAKE_DOMAIN;
	if (IS("host") && (alone || PREV_IS("server") || PREV_IS("remote")))
		return SD_FAKE_DOMAIN;
	if (IS("ip") || IS("ipaddr") || IS("ipaddress") || IS("ipv"))
	{
		if (i + 1 < t->n && strcmp(TOK(i + 1), "6") == 0)
			return SD_FAKE_IPV6;
		return SD_FAKE_IPV4;
	}
	if (IS("ipv4"))
		return SD_FAKE_IPV4;
	if (IS("ipv6"))
		return SD_FAKE_IPV6;
	if (IS("mac") || IS("macaddr") || IS("macaddress"))
		return SD_FAKE_MAC;
	if (IS("uuid") || IS("guid"))
		return alone ? SD_FAKE_UUID : -1;
	return HEAD_NEXT;
}

/* head_kind for street addresses and places: a kind, SD_FAKE_NONE, -1, or HEAD_NEXT */
static int
head_place(const Tokens *t, int i)
{
	const char *tok = TOK(i);
	bool		alone = (t->n == 1);
	bool		next2 = (i + 1 < t->n && strcmp(TOK(i + 1), "2") == 0) ||
	(i + 2 < t->n && strcmp(TOK(i + 2), "2") == 0);

	/* ---- "address", read with what precedes it ---- */
	if (IS("address") || IS("addr") || IS("address1") || IS("addressline"))
	{
		if (PREV_IS("email") || PREV_IS("mail") || PREV_IS("e"))
			return SD_FAKE_EMAIL;
		if (PREV_IS("ip") || PREV_IS("4") || PREV_IS("ipv4") ||
			PREV_IS("remote"))
			return SD_FAKE_IPV4;
		if (PREV_IS("6") || PREV_IS("ipv6"))
			return SD_FAKE_IPV6;
		if (PREV_IS("mac") || PREV_IS("hardware"))
			return SD_FAKE_MAC;
		if (PREV_IS("web"))
			return SD_FAKE_URL;
		if (next2)
			return SD_FAKE_ADDRESS_LINE2;
		return SD_FAKE_STREET_ADDRESS;
	}
	if (IS("address2") || IS("apartment") || IS("apt") || IS("suite"))
		return SD_FAKE_ADDRESS_LINE2;
	if (IS("street") || IS("streetaddress"))
		return next2 ? SD_FAKE_ADDRESS_LINE2 : SD_FAKE_STREET_ADDRESS;

	/* ---- place ---- */
	if (IS("city") || IS("town") || IS("municipality") || IS("locality"))
		return SD_FAKE_CITY;
	if (IS("state") || IS("province") || IS("region") || IS("county") ||
		IS("prefecture") || IS("district"))
	{
		if (IS("county"))
			return SD_FAKE_NONE;
		if (alone || PREV_IN(place_words) || PREV_IS("state") ||
			PREV_IS("province") || PREV_IS("region"))
			return SD_FAKE_STATE;
		return SD_FAKE_NONE;	/* order_state, sales_region */
	}
	if (IS("country") || IS("nation") || IS("nationality"))
		return SD_FAKE_COUNTRY;
	if (IS("zip") || IS("zipcode") || IS("postcode") || IS("postalcode") ||
		IS("plz"))
		return SD_FAKE_POSTAL_CODE;
	if (IS("code"))
	{
		if (PREV_IS("zip") || PREV_IS("postal") || PREV_IS("post"))
			return SD_FAKE_POSTAL_CODE;
		if (PREV_IS("country"))
			return SD_FAKE_COUNTRY_CODE;
		if (PREV_IS("state") || PREV_IS("province"))
			return SD_FAKE_STATE_ABBR;
		return -1;
	}
	if ((IS("abbr") || IS("abbrev") || IS("abbreviation")) &&
		(PREV_IS("state") || PREV_IS("province")))
		return SD_FAKE_STATE_ABBR;
	if ((IS("iso") || IS("iso2")) && PREV_IS("country"))
		return SD_FAKE_COUNTRY_CODE;
	if (IS("lat") || IS("latitude"))
		return SD_FAKE_LATITUDE;
	if (IS("lon") || IS("lng") || IS("longitude"))
		return SD_FAKE_LONGITUDE;
	if (IS("long") && (alone || PREV_IS("geo") || PREV_IS("gps") ||
					   PREV_IS("loc") || PREV_IS("location") ||
					   PREV_IS("lat")))
		return SD_FAKE_LONGITUDE;
	return HEAD_NEXT;
}

/* head_kind for phones and the numbers read with what precedes them: a kind, SD_FAKE_NONE, -1, or HEAD_NEXT */
static int
head_phone(const Tokens *t, int i)
{
	const char *tok = TOK(i);
	bool		alone = (t->n == 1);

	/* ---- phone ---- */
	if (IS("phone") || IS("telephone") || IS("tel") || IS("mobile") ||
		IS("fax") || IS("cellphone") || IS("phonenumber") || IS("msisdn"))
		return SD_FAKE_PHONE;
	if (IS("cell") && (alone || i + 1 < t->n))
		return SD_FAKE_PHONE;

	/* ---- "number" and friends, read with what precedes them ---- */
	if (IS("number") || IS("num") || IS("no") || IS("nr") || IS("nbr"))
	{
		if (PREV_IS("phone") || PREV_IS("telephone") || PREV_IS("tel") ||
			PREV_IS("mobile") || PREV_IS("cell") || PREV_IS("fax") ||
			PREV_IS("contact"))
			return SD_FAKE_PHONE;
		if (PREV_IS("card") || PREV_IS("cc") || PREV_IS("credit"))
			return SD_FAKE_CREDIT_CARD;
		if (PREV_IS("security") || PREV_IS("ssn") || PREV_IS("insurance"))
			return SD_FAKE_SSN;
		if (PREV_IS("plate") || PREV_IS("registration"))
			return SD_FAKE_LICENSE_PLATE;
		if (PREV_IS("street") || PREV_IS("house") || PREV_IS("building"))
			return SD_FAKE_NONE;	/* a house number alone */
		return -1;
	}
	return HEAD_NEXT;
}

/* head_kind for business: a kind, SD_FAKE_NONE, -1, or HEAD_NEXT */
static int
head_business(const Tokens *t, int i)
{
	const char *tok = TOK(i);
	bool		alone = (t->n == 1);

	/* ---- business ---- */
	if (IS("company") || IS("organisation") || IS("organization") ||
		IS("employer") || IS("companyname") || IS("business") || IS("firm"))
		return SD_FAKE_COMPANY;
	if (IS("title"))
		return (alone || PREV_IS("job") || PREV_IS("contact")) ?
			SD_FAKE_JOB_TITLE : SD_FAKE_NONE;
	if (IS("courtesy") || IS("salutation") || IS("honorific"))
		return SD_FAKE_COURTESY;
	if (IS("drug") || IS("medication") || IS("medicine") || IS("drugname"))
		return SD_FAKE_LABEL;
	if (IS("composer") && alone)
		return SD_FAKE_FULL_NAME;
	if (IS("position") || IS("role"))
		return (alone || PREV_IS("job")) ? SD_FAKE_JOB_TITLE : SD_FAKE_NONE;
	if (IS("jobtitle") || IS("occupation") || IS("profession") ||
		IS("designation") || IS("job"))
		return SD_FAKE_JOB_TITLE;
	return HEAD_NEXT;
}

/* head_kind for identifiers, ages and dates: a kind, SD_FAKE_NONE, -1, or HEAD_NEXT */
static int
head_identity(const Tokens *t, int i)
{
	const char *tok = TOK(i);
	bool		alone = (t->n == 1);

	/* ---- identifiers ---- */
	if (IS("ssn") || IS("sin") || IS("nin") || IS("nino"))
		return SD_FAKE_SSN;
	if (IS("id") && PREV_IS("national"))
		return SD_FAKE_SSN;
	if (IS("id") && PREV_IS("tax") && i >= 1)
		return SD_FAKE_SSN;
	if (IS("iban"))
		return SD_FAKE_IBAN;
	if (IS("creditcard") || IS("ccnumber") || IS("pan") || IS("cardnumber"))
		return SD_FAKE_CREDIT_CARD;
	if (IS("card") && PREV_IS("credit"))
		return SD_FAKE_CREDIT_CARD;
	if (IS("plate") || IS("licenseplate") || IS("numberplate"))
		return SD_FAKE_LICENSE_PLATE;

	/* ---- numbers and dates ---- */
	if (IS("age"))
		return SD_FAKE_AGE;
	if (IS("dob") || IS("birthdate") || IS("birthday"))
		return SD_FAKE_BIRTH_DATE;
	if (IS("birth"))
	{
		if (i + 1 == t->n || strcmp(TOK(i + 1), "date") == 0 ||
			strcmp(TOK(i + 1), "day") == 0)
			return SD_FAKE_BIRTH_DATE;
		return SD_FAKE_NONE;	/* birth_place, birth_weight */
	}
	if (IS("born") && alone)
		return SD_FAKE_BIRTH_DATE;
	return HEAD_NEXT;
}

/* head_kind for text: a kind, SD_FAKE_NONE, -1, or HEAD_NEXT */
static int
head_text(const Tokens *t, int i)
{
	const char *tok = TOK(i);

	/* ---- text ---- */
	if (IS("description") || IS("desc") || IS("bio") || IS("biography") ||
		IS("about") || IS("body") || IS("content") || IS("details") ||
		IS("abstract"))
		return SD_FAKE_PARAGRAPH;
	if (IS("comment") || IS("comments") || IS("note") || IS("notes") ||
		IS("remark") || IS("remarks") || IS("summary") || IS("message") ||
		IS("feedback") || IS("review") || IS("caption") || IS("memo") ||
		IS("annotation") || IS("reason") || IS("explanation"))
		return SD_FAKE_SENTENCE;
	if (IS("keyword") || IS("tag"))
		return SD_FAKE_WORD;
	return HEAD_NEXT;
}

/*
 * Kind named by token i read with its neighbours, or -1 if token i names
 * no kind (scan on to the left).  SD_FAKE_NONE means "a head, but not a
 * value we generate": the scan stops there.  The groups are tried in
 * order; the first that knows the token decides.
 */
static int
head_kind(const Tokens *t, int i)
{
	static int	(*const groups[]) (const Tokens *t, int i) = {
		head_person, head_internet, head_place, head_phone, head_business,
		head_identity, head_text
	};
	int			g,
				kind;

	for (g = 0; g < (int) lengthof(groups); g++)
		if ((kind = groups[g] (t, i)) != HEAD_NEXT)
			return kind;
	return -1;
}

SdFakeKind
sd_fake_kind_from_column(const char *colname)
{
	Tokens		t;
	int			i;

	tokenize(colname, &t);
	if (t.n == 0)
		return SD_FAKE_NONE;
	if (t.n > 1 && in_list(t.tok[0], leading_stop))
		return SD_FAKE_NONE;

	for (i = t.n - 1; i >= 0; i--)
	{
		int			k = head_kind(&t, i);
		int			j;

		if (k < 0)
			continue;
		if (k == SD_FAKE_NONE)
			return SD_FAKE_NONE;
		/* words after the head that change what it is */
		for (j = i + 1; j < t.n; j++)
		{
			/* "birth_date", "date_of_birth": the date is the value */
			if (k == SD_FAKE_BIRTH_DATE)
				break;
			if (in_list(t.tok[j], trailing_stop))
				return SD_FAKE_NONE;
		}
		return (SdFakeKind) k;
	}
	return SD_FAKE_NONE;
}

/* what a table's rows are, judged by the last word of its name */
typedef enum TableSort
{
	TS_OTHER, TS_PERSON, TS_COMPANY, TS_WORK, TS_LABEL, TS_CITY,
	TS_COUNTRY, TS_REGION
} TableSort;

static TableSort
table_sort(const char *relname)
{
	static const char *const persons[] = {
		"customer", "staff", "actor", "employee", "person", "people", "user",
		"patient", "artist", "author", "contact", "member", "student",
		"teacher", "doctor", "physician", "nurse", "client", "driver",
		"guest", "passenger", "player", "composer", "director", "writer",
		"agent", "manager", "owner", "subscriber", "provider", "clinician",
		"worker", "applicant", "candidate", "visitor", NULL
	};
	static const char *const companies[] = {
		"company", "supplier", "vendor", "shipper", "manufacturer",
		"publisher", "carrier", "store", "shop", "merchant", "bank",
		"insurer", "employer", "partner", "firm", "agency", "clinic",
		"hospital", "pharmacy", "lab", "laboratory", NULL
	};
	static const char *const works[] = {
		"film", "movie", "album", "track", "song", "book", "product", "item",
		"course", "game", "show", "episode", "playlist", "article", "post",
		"project", "event", "program", "programme", "video", "podcast",
		"recipe", "title", "work", "campaign", NULL
	};
	static const char *const labels[] = {
		"category", "genre", "language", "type", "tag", "status",
		"department", "brand", "group", "role", "class", "kind", "level",
		"color", "colour", "format", "unit", "currency", "skill", "topic",
		"subject", "diagnosis", "drug", "medication", "condition",
		"specialty", "speciality", "service", "plan", "tier", "channel",
		"source", "label", "allergy", "procedure", "ward", "room",
		"territory", "segment", "team", NULL
	};
	Tokens		t;
	char		w[MAX_TOKEN_LEN];
	int			len;

	if (relname == NULL)
		return TS_OTHER;
	tokenize(relname, &t);
	if (t.n == 0)
		return TS_OTHER;
	strlcpy(w, t.tok[t.n - 1], sizeof(w));
	if (in_list(w, persons) || in_list(w, companies) || in_list(w, works) ||
		in_list(w, labels) || strcmp(w, "city") == 0 ||
		strcmp(w, "country") == 0)
		;
	else
	{
		/* plural: customers, categories, addresses */
		len = strlen(w);
		if (len > 3 && strcmp(w + len - 3, "ies") == 0)
			strcpy(w + len - 3, "y");
		else if (len > 1 && w[len - 1] == 's')
			w[len - 1] = '\0';
	}
	if (in_list(w, persons))
		return TS_PERSON;
	if (in_list(w, companies))
		return TS_COMPANY;
	if (in_list(w, works))
		return TS_WORK;
	if (in_list(w, labels))
		return TS_LABEL;
	if (strcmp(w, "city") == 0 || strcmp(w, "town") == 0)
		return TS_CITY;
	if (strcmp(w, "country") == 0 || strcmp(w, "nation") == 0)
		return TS_COUNTRY;
	if (strcmp(w, "state") == 0 || strcmp(w, "region") == 0 ||
		strcmp(w, "province") == 0)
		return TS_REGION;
	return TS_OTHER;
}

/* the kind of a table's own "name" (or "<table>_name") column */
static SdFakeKind
name_kind_of(TableSort ts, SdFakeKind otherwise)
{
	switch (ts)
	{
		case TS_PERSON:
			return SD_FAKE_FULL_NAME;
		case TS_COMPANY:
			return SD_FAKE_COMPANY;
		case TS_WORK:
			return SD_FAKE_TITLE;
		case TS_LABEL:
			return SD_FAKE_LABEL;
		case TS_CITY:
			return SD_FAKE_CITY;
		case TS_COUNTRY:
			return SD_FAKE_COUNTRY;
		case TS_REGION:
			return SD_FAKE_STATE;
		default:
			return otherwise;
	}
}

SdFakeKind
sd_fake_kind_from_column_in(const char *relname, const char *colname)
{
	static const char *const work_words[] = {
		"product", "item", "film", "movie", "album", "track", "song", "book",
		"course", "game", "show", "episode", "playlist", "article", "project",
		"event", "program", "video", "recipe", NULL
	};
	static const char *const label_words[] = {
		"category", "genre", "language", "type", "tag", "status",
		"department", "brand", "group", "role", "class", "kind", "level",
		"color", "format", "unit", "skill", "topic", "subject", "diagnosis",
		"service", "plan", "tier", "channel", "team", "segment", NULL
	};
	SdFakeKind	k = sd_fake_kind_from_column(colname);
	TableSort	ts = table_sort(relname);
	Tokens		t;
	const char *last;
	const char *prev;

	tokenize(colname, &t);
	if (t.n == 0 || t.n > 2)
		return k;
	last = t.tok[t.n - 1];
	prev = t.n == 2 ? t.tok[0] : NULL;

	if (strcmp(last, "name") == 0 || strcmp(last, "title") == 0)
	{
		if (prev && in_list(prev, work_words))
			return SD_FAKE_TITLE;		/* product_name, album_title */
		if (prev && in_list(prev, label_words))
			return SD_FAKE_LABEL;		/* category_name, genre_name */
	}
	/* "name" alone, or the table's own name: "category.category_name" */
	if (strcmp(last, "name") == 0 &&
		(prev == NULL || (relname && strstr(relname, prev) != NULL)))
		return name_kind_of(ts, k);
	if (strcmp(last, "title") == 0 && prev == NULL)
		return ts == TS_PERSON ? SD_FAKE_JOB_TITLE :
			ts == TS_OTHER ? k : SD_FAKE_TITLE;
	return k;
}

/* ---------------------------------------------------------------------
 * Values
 * ---------------------------------------------------------------------
 */

static bool
all_in(const char *s, int len, const char *set)
{
	int			i;

	for (i = 0; i < len; i++)
		if (strchr(set, s[i]) == NULL || s[i] == '\0')
			return false;
	return true;
}

static bool
is_email(const char *s)
{
	const char *at = strchr(s, '@');
	const char *p;
	const char *lastdot;
	int			tld = 0;

	if (at == NULL || at == s || strchr(at + 1, '@'))
		return false;
	for (p = s; p < at; p++)
		if (!isalnum((unsigned char) *p) && !strchr("._%+-'", *p))
			return false;
	lastdot = strrchr(at + 1, '.');
	if (lastdot == NULL || lastdot == at + 1)
		return false;
	for (p = at + 1; *p; p++)
	{
		if (*p == '.')
		{
			if (p[1] == '.' || p[1] == '\0' || p[-1] == '@')
				return false;
			continue;
		}
		if (!isalnum((unsigned char) *p) && *p != '-')
			return false;
	}
	for (p = lastdot + 1; *p; p++, tld++)
		if (!isalpha((unsigned char) *p))
			return false;
	return tld >= 2;
}

static bool
is_url(const char *s)
{
	const char *rest;
	const char *p;

	if (pg_strncasecmp(s, "http://", 7) == 0)
		rest = s + 7;
	else if (pg_strncasecmp(s, "https://", 8) == 0)
		rest = s + 8;
	else if (pg_strncasecmp(s, "www.", 4) == 0)
		rest = s + 4;
	else
		return false;
	if (!isalnum((unsigned char) *rest))
		return false;
	for (p = rest; *p; p++)
		if (isspace((unsigned char) *p))
			return false;
	return true;
}

static bool
is_uuid(const char *s)
{
	static const int groups[] = {8, 4, 4, 4, 12};
	int			g,
				i;

	for (g = 0; g < 5; g++)
	{
		for (i = 0; i < groups[g]; i++, s++)
			if (!isxdigit((unsigned char) *s))
				return false;
		if (g < 4 && *s++ != '-')
			return false;
	}
	return *s == '\0';
}

static bool
is_ipv4(const char *s)
{
	int			parts = 0;

	while (parts < 4)
	{
		int			v = 0,
					digits = 0;

		while (isdigit((unsigned char) *s) && digits < 4)
		{
			v = v * 10 + (*s++ - '0');
			digits++;
		}
		if (digits == 0 || digits > 3 || v > 255)
			return false;
		parts++;
		if (parts < 4 && *s++ != '.')
			return false;
	}
	return *s == '\0';
}

static bool
is_ipv6(const char *s)
{
	int			groups = 0;
	int			colons = 0;
	bool		dbl = false;
	const char *p;
	int			run = 0;

	if (strlen(s) < 2 || strlen(s) > 39)
		return false;
	for (p = s; *p; p++)
	{
		if (*p == ':')
		{
			colons++;
			if (p[1] == ':')
			{
				if (dbl)
					return false;
				dbl = true;
				p++;
				colons++;
			}
			if (run > 0)
				groups++;
			run = 0;
		}
		else if (isxdigit((unsigned char) *p))
		{
			if (++run > 4)
				return false;
		}
		else
			return false;
	}
	if (run > 0)
		groups++;
	if (colons < 2)
		return false;
	return dbl ? groups < 8 : groups == 8;
}

static bool
is_mac(const char *s)
{
	char		sep;
	int			i;

	if (strlen(s) != 17)
		return false;
	sep = s[2];
	if (sep != ':' && sep != '-')
		return false;
	for (i = 0; i < 17; i++)
	{
		if (i % 3 == 2)
		{
			if (s[i] != sep)
				return false;
		}
		else if (!isxdigit((unsigned char) s[i]))
			return false;
	}
	return true;
}

static bool
is_ssn(const char *s)
{
	/* ddd-dd-dddd */
	return strlen(s) == 11 && s[3] == '-' && s[6] == '-' &&
		all_in(s, 3, "0123456789") && all_in(s + 4, 2, "0123456789") &&
		all_in(s + 7, 4, "0123456789");
}

static bool
is_iban(const char *s)
{
	char		buf[40];
	int			n = 0;
	const char *p;

	for (p = s; *p; p++)
	{
		if (*p == ' ')
			continue;
		if (!isalnum((unsigned char) *p) || n >= 34)
			return false;
		buf[n++] = (char) toupper((unsigned char) *p);
	}
	buf[n] = '\0';
	if (n < 15 || !isupper((unsigned char) buf[0]) ||
		!isupper((unsigned char) buf[1]) || !isdigit((unsigned char) buf[2]) ||
		!isdigit((unsigned char) buf[3]))
		return false;

	{
		/* ISO 13616: BBAN + country + check, mod 97 must be 1 */
		int			r = 0;
		int			i;

		for (i = 0; i < n; i++)
		{
			char		c = buf[(i + 4) % n];

			if (isdigit((unsigned char) c))
				r = (r * 10 + (c - '0')) % 97;
			else
				r = (r * 100 + (c - 'A' + 10)) % 97;
		}
		return r == 1;
	}
}

static bool
is_credit_card(const char *s)
{
	char		digits[20];
	int			n = 0;
	const char *p;
	int			sum = 0;
	int			i;

	for (p = s; *p; p++)
	{
		if (*p == ' ' || *p == '-')
			continue;
		if (!isdigit((unsigned char) *p) || n >= 19)
			return false;
		digits[n++] = *p;
	}
	if (n < 13)
		return false;
	if (digits[0] != '3' && digits[0] != '4' && digits[0] != '5' &&
		digits[0] != '6' && digits[0] != '2')
		return false;
	/* Luhn: the check digit included, the sum must be a multiple of 10 */
	for (i = 0; i < n; i++)
	{
		int			d = digits[n - 1 - i] - '0';

		if (i % 2 == 1)
		{
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum % 10 == 0;
}

static bool
is_phone(const char *s)
{
	int			digits = 0;
	int			seps = 0;
	bool		plus = (*s == '+');
	bool		paren = false;
	const char *p;

	for (p = plus ? s + 1 : s; *p; p++)
	{
		if (isdigit((unsigned char) *p))
			digits++;
		else if (*p == ' ' || *p == '-' || *p == '.')
			seps++;
		else if (*p == '(' || *p == ')')
			paren = true;
		else
			return false;
	}
	if (digits < 7 || digits > 15)
		return false;
	/* a bare number, a decimal or a date is not a phone number */
	if (plus || paren)
		return digits >= 8;
	return digits >= 10 && seps >= 1;
}

/*
 * A street address: a house number, words, and a street type ("742 W Maple
 * Ave", "10 Downing Street, London"), or (German) a street name ending in a
 * street word and a house number ("Lindenweg 12a", "Hauptstr. 5").
 */
static const char *const street_words_en[] = {
	"st", "street", "ave", "avenue", "rd", "road", "dr", "drive", "ln", "lane",
	"blvd", "boulevard", "ct", "court", "way", "pl", "place", "cir", "circle",
	"ter", "terrace", "pkwy", "parkway", "trl", "trail", "hwy", "highway",
	"sq", "square", "row", "close", "crescent", "gardens", NULL
};

static const char *const street_words_de[] = {
	"straße", "strasse", "str.", "str", "weg", "allee", "ring", "gasse",
	"platz", "steig", "damm", "ufer", "chaussee", "markt", "pfad", NULL
};

static bool
ends_with_ci(const char *s, int len, const char *suffix)
{
	int			n = strlen(suffix);

	return len >= n && pg_strncasecmp(s + len - n, suffix, n) == 0;
}

static bool
is_street_address(const char *s)
{
	const char *p = s;
	const char *end;
	int			words = 0,
				len;

	/* up to the first comma: what follows is the city, the postcode... */
	end = strchr(s, ',');
	len = end ? (int) (end - s) : (int) strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len < 5)
		return false;

	if (isdigit((unsigned char) *p))
	{
		/* "742 W Maple Ave": 1-6 digits, a letter perhaps, then words */
		const char *w;
		int			digits = 0;

		while (isdigit((unsigned char) *p))
			p++, digits++;
		if (isalpha((unsigned char) *p) && p[1] == ' ')
			p++;
		if (digits > 6 || *p != ' ')
			return false;
		for (w = p; w < s + len; w++)
		{
			if (*w == ' ' && w + 1 < s + len && w[1] != ' ')
				words++;
			else if (!(isalnum((unsigned char) *w) || *w == ' ' || *w == '.' ||
					   *w == '-' || *w == '\'' || (unsigned char) *w >= 0x80))
				return false;
		}
		if (words < 2 || words > 6)
			return false;
		/* the last word is a street type */
		for (w = s + len; w > p && w[-1] != ' '; w--)
			;
		{
			int			wl = (int) (s + len - w);
			int			i;

			if (wl > 0 && w[wl - 1] == '.')
				wl--;
			for (i = 0; street_words_en[i] != NULL; i++)
				if ((int) strlen(street_words_en[i]) == wl &&
					pg_strncasecmp(w, street_words_en[i], wl) == 0)
					return true;
		}
		return false;
	}
	else
	{
		/* "Lindenweg 12a": a street word, then 1-4 digits and a letter perhaps */
		int			i = len,
					digits = 0;

		if (i > 0 && isalpha((unsigned char) s[i - 1]) && i > 1 &&
			isdigit((unsigned char) s[i - 2]))
			i--;
		while (i > 0 && isdigit((unsigned char) s[i - 1]))
			i--, digits++;
		if (digits < 1 || digits > 4 || i < 2 || s[i - 1] != ' ')
			return false;
		i--;
		/* a name before the street word: "Am Ring 5", not "Ring 5" */
		for (words = 0; street_words_de[words] != NULL; words++)
			if (ends_with_ci(s, i, street_words_de[words]))
				return i > (int) strlen(street_words_de[words]);
		return false;
	}
}

/* ---- dictionaries: sorted once per backend, then binary search ---- */

typedef struct NameIndex
{
	const char **names;
	int			n;
} NameIndex;

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

static void
index_add(const char **arr, int *n, const SdFakeList *l)
{
	int			i;

	for (i = 0; i < l->n; i++)
		arr[(*n)++] = l->items[i];
}

/*
 * Read-only caches derived from the constant dictionaries, built on first
 * use in TopMemoryContext; they never change afterwards.
 */
static NameIndex first_index, last_index, city_index;

static void
build_indexes(void)
{
	MemoryContext old;
	int			d,
				total;

	if (first_index.names != NULL)
		return;
	old = MemoryContextSwitchTo(TopMemoryContext);

	total = 0;
	for (d = 0; d < sd_fake_ndicts; d++)
		total += sd_fake_dicts[d].female.n + sd_fake_dicts[d].male.n;
	{
		const char **a = palloc(sizeof(char *) * total);
		int			n = 0;

		for (d = 0; d < sd_fake_ndicts; d++)
		{
			index_add(a, &n, &sd_fake_dicts[d].female);
			index_add(a, &n, &sd_fake_dicts[d].male);
		}
		qsort(a, n, sizeof(char *), cmp_str);
		first_index.n = n;
		first_index.names = a;
	}
	{
		const char **a;
		int			n = 0;

		total = 0;
		for (d = 0; d < sd_fake_ndicts; d++)
			total += sd_fake_dicts[d].last.n;
		a = palloc(sizeof(char *) * total);
		for (d = 0; d < sd_fake_ndicts; d++)
			index_add(a, &n, &sd_fake_dicts[d].last);
		qsort(a, n, sizeof(char *), cmp_str);
		last_index.n = n;
		last_index.names = a;
	}
	{
		const char **a;
		int			n = 0;
		int			c;

		total = 0;
		for (d = 0; d < sd_fake_ndicts; d++)
			total += sd_fake_dicts[d].ncities;
		a = palloc(sizeof(char *) * total);
		for (d = 0; d < sd_fake_ndicts; d++)
			for (c = 0; c < sd_fake_dicts[d].ncities; c++)
				a[n++] = sd_fake_dicts[d].cities[c].name;
		qsort(a, n, sizeof(char *), cmp_str);
		city_index.n = n;
		city_index.names = a;
	}
	MemoryContextSwitchTo(old);
}

static bool
index_has(const NameIndex *ix, const char *s)
{
	return bsearch(&s, ix->names, ix->n, sizeof(char *), cmp_str) != NULL;
}

SdFakeKind
sd_fake_kind_from_value(const char *value)
{
	size_t		len = strlen(value);

	if (len == 0 || len > 200)
		return SD_FAKE_NONE;

	if (is_email(value))
		return SD_FAKE_EMAIL;
	if (is_url(value))
		return SD_FAKE_URL;
	if (is_uuid(value))
		return SD_FAKE_UUID;
	if (is_ipv4(value))
		return SD_FAKE_IPV4;
	if (is_mac(value))
		return SD_FAKE_MAC;
	if (is_ipv6(value))
		return SD_FAKE_IPV6;
	if (is_ssn(value))
		return SD_FAKE_SSN;
	if (is_iban(value))
		return SD_FAKE_IBAN;
	if (is_credit_card(value))
		return SD_FAKE_CREDIT_CARD;
	if (is_phone(value))
		return SD_FAKE_PHONE;
	if (len == 10 && value[5] == '-' && all_in(value, 5, "0123456789") &&
		all_in(value + 6, 4, "0123456789"))
		return SD_FAKE_POSTAL_CODE; /* US ZIP+4 */
	if (is_street_address(value))
		return SD_FAKE_STREET_ADDRESS;

	/* names and cities, by the dictionaries */
	if (len <= 64)
	{
		char		buf[65];
		char	   *space;

		build_indexes();
		memcpy(buf, value, len + 1);
		if (index_has(&city_index, buf))
			return SD_FAKE_CITY;
		space = strchr(buf, ' ');
		if (space == NULL)
		{
			if (index_has(&first_index, buf))
				return SD_FAKE_FIRST_NAME;
			if (index_has(&last_index, buf))
				return SD_FAKE_LAST_NAME;
			return SD_FAKE_NONE;
		}
		else
		{
			/* "First Last", "First M. Last", "First Last Last" */
			char	   *lastsp = strrchr(buf, ' ');
			int			words = 1;
			char	   *q;

			for (q = buf; *q; q++)
				words += (*q == ' ');
			*space = '\0';
			if (words <= 3 &&
				index_has(&first_index, buf) &&
				index_has(&last_index, lastsp + 1))
				return SD_FAKE_FULL_NAME;
		}
	}
	return SD_FAKE_NONE;
}

/* ---------------------------------------------------------------------
 * Personal data
 * ---------------------------------------------------------------------
 */

bool
sd_fake_kind_is_personal(SdFakeKind kind)
{
	switch (kind)
	{
		case SD_FAKE_FIRST_NAME:
		case SD_FAKE_LAST_NAME:
		case SD_FAKE_FULL_NAME:
		case SD_FAKE_EMAIL:
		case SD_FAKE_USERNAME:
		case SD_FAKE_PHONE:
		case SD_FAKE_STREET_ADDRESS:
		case SD_FAKE_ADDRESS_LINE2:
		case SD_FAKE_URL:
		case SD_FAKE_IPV4:
		case SD_FAKE_IPV6:
		case SD_FAKE_MAC:
		case SD_FAKE_SSN:
		case SD_FAKE_IBAN:
		case SD_FAKE_CREDIT_CARD:
		case SD_FAKE_LICENSE_PLATE:
		case SD_FAKE_BIRTH_DATE:
			return true;
		default:
			return false;
	}
}

/* words that answer a question rather than name someone */
static const char *const flag_words[] = {
	"yes", "no", "y", "n", "true", "false", "t", "f", "none", "unknown",
	"null", "n/a", "na", "nan", "other", "missing", "ja", "nein",
	"unbekannt", "keine", "-", "?", NULL
};

bool
sd_fake_value_fits_kind(SdFakeKind kind, const char *value)
{
	const unsigned char *p;
	int			digits = 0,
				letters = 0,
				i;

	for (p = (const unsigned char *) value; *p; p++)
	{
		if (isdigit(*p))
			digits++;
		else if (isalpha(*p) || *p >= 0x80)
			letters++;
	}
	for (i = 0; flag_words[i] != NULL; i++)
		if (pg_strcasecmp(value, flag_words[i]) == 0)
			return false;
	switch (kind)
	{
		case SD_FAKE_EMAIL:
			return strchr(value, '@') != NULL;
		case SD_FAKE_PHONE:
			return digits >= 7;
		case SD_FAKE_SSN:
			return digits >= 9;
		case SD_FAKE_IBAN:
			return digits + letters >= 15;
		case SD_FAKE_CREDIT_CARD:
			return digits >= 12;
		case SD_FAKE_IPV4:
		case SD_FAKE_IPV6:
		case SD_FAKE_MAC:
			return digits > 0 && (strchr(value, '.') != NULL || strchr(value, ':') != NULL ||
								  strchr(value, '-') != NULL);
		case SD_FAKE_URL:
			return strchr(value, '.') != NULL || strchr(value, '/') != NULL;
		case SD_FAKE_STREET_ADDRESS:
		case SD_FAKE_ADDRESS_LINE2:
		case SD_FAKE_LICENSE_PLATE:
			return digits > 0 && letters > 0;
		case SD_FAKE_FIRST_NAME:
		case SD_FAKE_LAST_NAME:
		case SD_FAKE_FULL_NAME:
		case SD_FAKE_USERNAME:
			return letters >= 2;
		default:
			return letters + digits > 0;
	}
}

/*
 * The personal kind of a column of text, from its name and the values it
 * holds (with their counts; all or a sample of them), or SD_FAKE_NONE.
 * A name that names a personal kind decides when at least half the values
 * could be of that kind ("own_telephone" holding yes/no is not a phone
 * number).  Otherwise the values decide when at least a third of them are
 * recognised as personal data by sd_fake_kind_from_value: by pattern and
 * check digits, full names by the dictionaries of first and last names,
 * street addresses by their shape (single dictionary words such as "Good"
 * are not evidence enough).
 */
#define PERSONAL_VALUES_MAX 4096

SdFakeKind
sd_fake_personal_kind(const char *colname, const char *const *values,
					  const int64 *counts, int n)
{
	SdFakeKind	named = sd_fake_kind_from_column(colname);
	double		total = 0,
				fits = 0,
				mass[SD_FAKE_NKINDS];
	int			i,
				best = SD_FAKE_NONE;

	memset(mass, 0, sizeof(mass));
	/* many distinct values: an evenly spread subset of them is evidence enough */
	for (i = 0; i < n; i += (n > PERSONAL_VALUES_MAX ? n / PERSONAL_VALUES_MAX : 1))
	{
		double		w = counts ? (double) counts[i] : 1.0;
		SdFakeKind	k;

		total += w;
		if (sd_fake_kind_is_personal(named) &&
			sd_fake_value_fits_kind(named, values[i]))
			fits += w;
		k = sd_fake_kind_from_value(values[i]);
		if (sd_fake_kind_is_personal(k))
			mass[k] += w;
	}
	if (sd_fake_kind_is_personal(named) && sd_fake_kind_type(named) == SD_FAKE_TYPE_TEXT &&
		(n == 0 || fits >= 0.5 * total))
		return named;
	if (total <= 0)
		return SD_FAKE_NONE;
	for (i = 1; i < SD_FAKE_NKINDS; i++)
		if (i != SD_FAKE_FIRST_NAME && i != SD_FAKE_LAST_NAME &&
			mass[i] > 0 && (best == SD_FAKE_NONE || mass[i] > mass[best]))
			best = i;
	if (best != SD_FAKE_NONE && mass[best] * 3 >= total)
		return (SdFakeKind) best;
	return SD_FAKE_NONE;
}

/*
 * A column named like an identifier: "id", "mrn", "*_id", "*id", or with
 * "number", "_no", "account" or "code" in its name (callers also ask for
 * near-unique values).
 */
bool
sd_fake_name_is_identifier(const char *name)
{
	char	   *lower = asc_tolower(name, strlen(name));
	int			len = strlen(lower);

	if (strcmp(lower, "id") == 0 || strcmp(lower, "mrn") == 0)
		return true;
	if (len > 3 && strcmp(lower + len - 3, "_id") == 0)
		return true;
	if (len > 2 && strcmp(lower + len - 2, "id") == 0)
		return true;
	return strstr(lower, "number") != NULL || strstr(lower, "_no") != NULL ||
		strstr(lower, "account") != NULL || strstr(lower, "code") != NULL;
}

/* words that name a secret alone */
static const char *const secret_words[] = {
	"password", "passwd", "pwd", "passphrase", "secret", "apikey", "salt",
	"otp", "totp", "privatekey", NULL
};

/* words before "token" or "key" that make it a secret */
static const char *const secret_qualifiers[] = {
	"access", "refresh", "auth", "reset", "session", "api", "bearer", "csrf",
	"remember", "private", "secret", "encryption", "signing", "recovery", NULL
};

/*
 * Whether a column name names a secret: a password (or its hash), a salt,
 * an API key, an access, refresh or reset token, a private key.  Its values
 * are never emitted, however many rows share one (pagila's staff share one
 * password hash).  "token" or "key" alone is no secret (the tokens of a
 * text corpus, a lookup key), nor is "pass" (pass or fail), nor are
 * "credentials" (a physician's MD, PhD).
 */
bool
sd_fake_name_is_secret(const char *name)
{
	Tokens		t;
	int			i;

	tokenize(name, &t);
	for (i = 0; i < t.n; i++)
	{
		const char *tok = t.tok[i];

		int			len = strlen(tok);

		if (in_list(tok, secret_words))
			return true;
		/* run together: passwordsalt, userpassword, clientsecret (not secretary) */
		if (strstr(tok, "password") != NULL || strstr(tok, "passwd") != NULL ||
			strstr(tok, "apikey") != NULL ||
			(len > 6 && strcmp(tok + len - 6, "secret") == 0))
			return true;
		if ((strcmp(tok, "token") == 0 || strcmp(tok, "key") == 0) &&
			i > 0 && in_list(t.tok[i - 1], secret_qualifiers))
			return true;
		if (strcmp(tok, "token") == 0 && i + 1 < t.n && strcmp(t.tok[i + 1], "hash") == 0)
			return true;
		if (strcmp(tok, "pass") == 0 && i + 1 < t.n &&
			(strcmp(t.tok[i + 1], "hash") == 0 || strcmp(t.tok[i + 1], "digest") == 0))
			return true;
	}
	return false;
}
