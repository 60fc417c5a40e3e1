/**
 * Small NCIC code tables, enough to show an operator "black Dodge 4-door sedan" instead of
 * "BLK DODG 4D". Not the full NCIC code manual: an unknown code is shown as the code itself.
 */

/** NCIC file code (first character of the NIC) → why the record is on the hotlist. */
export const FILE_CODE_REASONS: Readonly<Record<string, string>> = {
  A: 'Amber Alert',
  B: 'stolen boat',
  C: 'supervised release',
  F: 'felony',
  H: 'protection order',
  K: 'protective interest',
  L: 'violent person',
  M: 'missing person',
  N: 'deported felon',
  P: 'stolen plate',
  R: 'stolen Canadian vehicle',
  T: 'gang/terrorist member',
  V: 'stolen vehicle',
  W: 'wanted person',
  X: 'sex offender',
};

/**
 * Texas TCIC parse codes (second character of the TCIC record id). TCIC letters differ from
 * NCIC's (E, O, T, Y), so they map onto the same categories through this table.
 */
export const TCIC_CODE_REASONS: Readonly<Record<string, string>> = {
  E: FILE_CODE_REASONS.L,
  M: FILE_CODE_REASONS.M,
  O: FILE_CODE_REASONS.H,
  P: FILE_CODE_REASONS.P,
  T: 'threat against peace officer',
  V: FILE_CODE_REASONS.V,
  W: FILE_CODE_REASONS.W,
  X: FILE_CODE_REASONS.X,
  Y: 'child safety check',
};

/**
 * State files that name the list in words ("STOLEN LICENSE PLATE", "MISSING PERSON NCIC",
 * "STOLEN") instead of a file code: the first pattern that matches gives the NCIC file code, so
 * every layout lands in the same categories as FILE_CODE_REASONS. Order matters (plate before
 * vehicle, Canadian before vehicle).
 */
const LIST_TEXT_FILE_CODES: readonly (readonly [RegExp, string])[] = [
  [/amber/i, 'A'],
  [/boat/i, 'B'],
  [/supervised\s+release/i, 'C'],
  [/protection\s+order/i, 'H'],
  [/protective\s+interest/i, 'K'],
  [/violent/i, 'L'],
  [/missing/i, 'M'],
  [/deport/i, 'N'],
  [/stolen\s+(license\s+|lic\s+)?plate/i, 'P'],
  [/canad|cpic/i, 'R'],
  [/gang|terroris/i, 'T'],
  [/sex(ual)?\s+offender/i, 'X'],
  [/wanted|warrant/i, 'W'],
  [/felony/i, 'F'],
  [/stolen/i, 'V'],
];

/**
 * The NCIC file code a list name in words stands for, or undefined when it names no NCIC
 * category (e.g. "Attempt To Locate").
 * @example fileCodeFromListText('STOLEN LICENSE PLATE') // 'P'
 */
export function fileCodeFromListText(text: string): string | undefined {
  for (const [pattern, code] of LIST_TEXT_FILE_CODES) if (pattern.test(text)) return code;
  return undefined;
}

/** VMA vehicle make codes. */
export const MAKE_CODES: Readonly<Record<string, string>> = {
  ACUR: 'Acura',
  AUDI: 'Audi',
  BMW: 'BMW',
  BUIC: 'Buick',
  CADI: 'Cadillac',
  CHEV: 'Chevrolet',
  CHRY: 'Chrysler',
  DODG: 'Dodge',
  FORD: 'Ford',
  GMC: 'GMC',
  HD: 'Harley-Davidson',
  HOND: 'Honda',
  HYUN: 'Hyundai',
  INFI: 'Infiniti',
  JEEP: 'Jeep',
  KAWK: 'Kawasaki',
  KIA: 'Kia',
  LEXS: 'Lexus',
  LINC: 'Lincoln',
  LNDR: 'Land Rover',
  MAZD: 'Mazda',
  MERC: 'Mercury',
  MERZ: 'Mercedes-Benz',
  MITS: 'Mitsubishi',
  NISS: 'Nissan',
  OLDS: 'Oldsmobile',
  PLYM: 'Plymouth',
  PONT: 'Pontiac',
  RAM: 'Ram',
  SATU: 'Saturn',
  SUBA: 'Subaru',
  SUZI: 'Suzuki',
  TESL: 'Tesla',
  TOYT: 'Toyota',
  VOLK: 'Volkswagen',
  VOLV: 'Volvo',
  YAMA: 'Yamaha',
};

/** VCO vehicle color codes. */
export const COLOR_CODES: Readonly<Record<string, string>> = {
  AME: 'amethyst',
  BGE: 'beige',
  BLK: 'black',
  BLU: 'blue',
  BRO: 'brown',
  BRZ: 'bronze',
  CAM: 'camouflage',
  COM: 'chrome',
  CPR: 'copper',
  CRM: 'cream',
  DBL: 'dark blue',
  DGR: 'dark green',
  GLD: 'gold',
  GRN: 'green',
  GRY: 'gray',
  LAV: 'lavender',
  LBL: 'light blue',
  LGR: 'light green',
  MAR: 'maroon',
  MVE: 'mauve',
  ONG: 'orange',
  PLE: 'purple',
  PNK: 'pink',
  RED: 'red',
  SIL: 'silver',
  TAN: 'tan',
  TEA: 'teal',
  TPE: 'taupe',
  TRQ: 'turquoise',
  WHI: 'white',
  YEL: 'yellow',
};

/** VST vehicle style codes. */
export const STYLE_CODES: Readonly<Record<string, string>> = {
  '2D': '2-door sedan',
  '3D': '3-door sedan',
  '4D': '4-door sedan',
  CV: 'convertible',
  HB: 'hatchback',
  LL: 'sport utility',
  MC: 'motorcycle',
  PK: 'pickup',
  SW: 'station wagon',
  TK: 'truck',
  UT: 'utility',
  VN: 'van',
};

/** LIT license plate type codes. */
export const PLATE_TYPE_CODES: Readonly<Record<string, string>> = {
  MC: 'motorcycle',
  PC: 'passenger',
  TK: 'truck',
  TL: 'trailer',
};

/**
 * Fixes the zero-for-letter-O typo in codes that are letters only (makes, colors).
 * @example lettersOnly('D0DG') // 'DODG'
 */
export function lettersOnly(code: string): string {
  return code.trim().toUpperCase().replace(/0/g, 'O');
}

/**
 * Readable text for a code, or the code itself when the table does not know it.
 * @example describeCode(MAKE_CODES, 'TOYT') // 'Toyota'
 */
export function describeCode(table: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(table, code) ? table[code] : code;
}

/**
 * Readable color, including two-tone colors written `TOP/BOTTOM`.
 * @example describeColor('RED/BLK') // 'red/black'
 */
export function describeColor(code: string): string {
  return code
    .split('/')
    .map((part) => describeCode(COLOR_CODES, lettersOnly(part)))
    .join('/');
}
