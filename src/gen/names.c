/*
 * names.c - the name lists of names.h, frequent names first and drawn more
 * often; newcomers mostly draw from lists of their own.
 */
#include "names.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const GIRLS[] = {
	"Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Yara", "Eva", "Liv", "Lotte", "Evi",
	"Noor", "Anna", "Saar", "Lieke", "Fleur", "Isa", "Sanne", "Fenna", "Lisa", "Roos", "Maud", "Femke", "Jasmijn",
	"Elin", "Olivia", "Nina", "Lynn", "Ilse", "Sophia", "Lina", "Amber", "Hannah", "Esmee", "Vera", "Floor",
	"Liz", "Loïs", "Jente", "Veerle", "Marit", "Hailey", "Fay", "Ella", "Luna", "Charlotte", "Merel", "Bo",
	"Anouk", "Demi", "Iris", "Lara", "Feline", "Mirthe", "Nova", "Romy", "Suze", "Jill",
};
static const char *const BOYS[] = {
	"Noah", "Daan", "Lucas", "Levi", "Sem", "Finn", "Milan", "Luuk", "Bram", "Liam", "Jesse", "Mees", "Thomas",
	"Sam", "Adam", "Thijs", "Max", "Jayden", "Ruben", "Gijs", "Teun", "Julian", "Stijn", "Siem", "Tim", "Lars",
	"Hugo", "Jens", "Ties", "Mats", "Ryan", "Dex", "Jan", "Olivier", "Joep", "Floris", "Boaz", "Tijn", "Owen",
	"Kai", "Vince", "Cas", "Jurre", "Niek", "Dani", "Koen", "Rens", "Wessel", "Pim", "Guus", "Jasper", "Sven",
	"Timo", "Mick", "Tygo", "Ravi", "Morris", "Fedde", "Hidde", "Roan",
};
static const char *const GIRLS_NEW[] = {
	"Fatima", "Aya", "Nour", "Sara", "Maryam", "Amira", "Esra", "Elif", "Zeynep", "Oksana", "Sofiia", "Anastasiia",
	"Hana", "Rania", "Salma", "Yasmina", "Layla", "Zara", "Maja", "Zuzanna", "Ana", "Ines", "Priya", "Aaliyah",
};
static const char *const BOYS_NEW[] = {
	"Mohammed", "Ahmed", "Yusuf", "Omar", "Ali", "Ibrahim", "Amir", "Emir", "Mustafa", "Bilal", "Ayoub", "Rayan",
	"Adem", "Mykola", "Artem", "Maksym", "Oleksandr", "Jakub", "Kacper", "Mateo", "Rohan", "Kofi", "Samuel", "Hamza",
};
static const char *const SURNAMES[] = {
	"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
	"de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
	"de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan",
	"Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "de Bruin", "van der Heijden",
	"Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster",
	"van Dam", "van der Wal", "Prins", "Blom", "Huisman", "Peeters", "de Jonge", "Kuipers", "van Veen", "Post",
	"Kuiper", "Veenstra", "Kramer", "van den Brink", "Scholten", "van Wijk", "Postma", "Martens", "Vink",
	"de Ruiter", "Timmermans", "Groen", "Gerritsen", "Jonker", "van Loon", "Boer", "van der Velde", "Willemsen",
	"Claassen", "van Wijngaarden", "Bosman", "Wouters", "Sanders", "Evers", "Hermans", "Koning", "Verbeek",
	"Kroon", "Schipper", "Molenaar", "Hoogland", "Boersma", "Zijlstra", "Terpstra", "Wijnands", "Stevens",
	"Lammers", "Pijnenburg", "Ouwehand", "Kooistra", "Nijhuis", "Oosterhuis", "Tuinstra", "Heerkens", "Rietveld",
};
static const char *const SURNAMES_NEW[] = {
	"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "El Amrani", "Bouzid", "El Idrissi", "Benali", "Ait Taleb",
	"Ramdin", "Jagessar", "Sewnath", "Kromo", "Martina", "Pinas", "Kowalski", "Nowak", "Wiśniewski", "Shevchenko",
	"Kovalenko", "Bondarenko", "Haddad", "Al-Hassan", "Mohammed", "Tesfaye", "Haile", "Abdi", "Nguyen", "Tran",
	"da Silva", "dos Santos", "Popescu", "Ionescu", "Petrov", "Hussain", "Singh", "Osei", "Mensah", "Alvarez",
};

/* Zipf-like: early entries of a list are the frequent names. */
static const char *pick(rng *r, const char *const *list, unsigned n)
{
	double u = rng_unit(r);
	unsigned i = (unsigned)((double)n * u * u);
	return list[i < n ? i : n - 1];
}

const char *name_first(rng *r, bool girl, bool newcomer)
{
	if (newcomer && rng_chance(r, 0.8))
		return girl ? pick(r, GIRLS_NEW, COUNT(GIRLS_NEW)) : pick(r, BOYS_NEW, COUNT(BOYS_NEW));
	return girl ? pick(r, GIRLS, COUNT(GIRLS)) : pick(r, BOYS, COUNT(BOYS));
}

const char *name_last(rng *r, bool newcomer)
{
	if (newcomer ? rng_chance(r, 0.85) : rng_chance(r, 0.12))
		return pick(r, SURNAMES_NEW, COUNT(SURNAMES_NEW));
	return pick(r, SURNAMES, COUNT(SURNAMES));
}
