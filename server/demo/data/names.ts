// Invented people and places for the demo data. Any likeness to a real person is chance.

/** A list written as words separated by spaces and line breaks. */
const words = (text: string): readonly string[] => text.trim().split(/\s+/);

export const FEMALE_GIVEN = words(`
  Abigail Adaeze Aiko Alma Amelia Anika Beatriz Bridget Camille Chiara Dalia Delphine Eleanor Elif Esther
  Farah Freya Grace Hana Ingrid Isla Jasmine Keiko Lena Leilani Lucia Mabel Maren Mei Nadia Niamh Olga Opal
  Priya Rosa Ruth Saanvi Sofia Tamsin Thandiwe Una Vera Wanjiru Yara Zainab
`);

export const MALE_GIVEN = words(`
  Aarav Abel Ahmed Alistair Anton Arjun Bastian Bruno Callum Cyrus Dmitri Emeka Ezra Felix Gideon Hamish Hugo
  Ibrahim Jonah Kofi Lars Luca Malik Mateo Milan Nikhil Oscar Otto Pablo Quentin Rafael Rowan Santiago Soren
  Tariq Teodor Tobias Umar Viktor Wendell Xavier Yusuf Zoltan
`);

export const FAMILY = words(`
  Abernathy Achterberg Adebayo Albescu Alvarado Bakshi Balogun Barrowclough Bellweather Brannigan Castellanos
  Chowdhury Dalgliesh Delacroix Duarte Eberhardt Ellingsworth Falkenrath Fairweather Gallagher Grimsdottir
  Haverford Hollingsworth Ibarra Iwasaki Jankowski Kettleborough Kowalczyk Lachance Larkspur Macready
  Marchetti Mbeki-Shaw Nakagawa Nightingale Oduya Okonkwo Pemberton Quintero Radcliffe Rautenbach Sandoval
  Silvermoon Szabo Thistlewood Trevanion Underhill Valderrama Vasquez-Hale Whitlock Wojcik Yamamura Zaragoza
  Zielinski
`);

/** One accented name per tenant (by tenant index), so clients must handle Unicode end to end. */
export const ACCENTED_NAMES = [
  { given: ['Zoë', 'Éloïse'], family: 'Müller-Ångström', gender: 'female' },
  { given: ['José', 'Ramón'], family: 'Núñez-Çelik', gender: 'male' },
  { given: ['Søren', 'Þórður'], family: 'Kovačević-Ødegård', gender: 'male' },
] as const;

/** One very long name per tenant, so columns must wrap or truncate. */
export const LONG_NAMES = [
  {
    given: ['Maximiliana', 'Alexandrina', 'Wilhelmina', 'Constance'],
    family: 'Fitzgerald-Montgomery-Vandenberghe-Ravenscroft',
    gender: 'female',
  },
  {
    given: ['Bartholomew', 'Leopold', 'Archibald', 'Fortescue'],
    family: 'Featherstonehaugh-Cholmondeley-Wolstenholme',
    gender: 'male',
  },
  {
    given: ['Anastasia', 'Evangelina', 'Seraphina', 'Philippa'],
    family: 'Oppenheimer-Castellanos-Villanueva-Kristiansen',
    gender: 'female',
  },
] as const;

export const PRACTITIONER_GIVEN = words(`
  Adebola Annika Benedikt Carmen Declan Esperanza Farouk Greta Hiroshi Imogen Jovan Katarzyna Lorcan Marisol
  Nnamdi Ottilie Pradeep Rhiannon Stellan Tomasz
`);

export const PRACTITIONER_FAMILY = words(`
  Achebe Bergstrom Cavendish Drummond Esposito Fontaine Goldfarb Halvorsen Ishikawa Jaramillo Kaur Lindgren
  Moreau Nwachukwu Ostrowski Pellegrino Quist Rasmussen
`);

export const CITIES = [
  { city: 'Maple Hollow', state: 'OR', postalCode: '97401' },
  { city: 'Brookhaven', state: 'OR', postalCode: '97402' },
  { city: 'Elm Crossing', state: 'WA', postalCode: '98101' },
  { city: 'Granite Falls', state: 'WA', postalCode: '98252' },
  { city: 'Willow Bend', state: 'ID', postalCode: '83702' },
] as const;

export const STREETS = [
  'Juniper Lane',
  'Harbor View Road',
  'Orchard Street',
  'Quarry Hill Drive',
  'Lantern Way',
] as const;
