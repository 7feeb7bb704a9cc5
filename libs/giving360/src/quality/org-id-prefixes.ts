/**
 * Org-id list codes (https://org-id.guide) that UK grants data draws on, plus `360G`, which the
 * 360Giving data quality tool accepts for identifiers a publisher mints itself. A snapshot: pass
 * `knownOrgIdPrefixes` to the checks to use the full, current list.
 */
export const KNOWN_ORG_ID_PREFIXES: readonly string[] = [
  '360G',
  // United Kingdom
  'GB-CHC', // Charity Commission for England and Wales
  'GB-SC', // Office of the Scottish Charity Regulator
  'GB-NIC', // Charity Commission for Northern Ireland
  'GB-COH', // Companies House
  'GB-MPR', // Mutuals Public Register
  'GB-EDU', // Register of schools (England and Wales)
  'GB-UKPRN', // UK Register of Learning Providers
  'GB-HESA', // Higher education providers
  'GB-NIEDU', // Schools in Northern Ireland
  'GB-SCOTEDU', // Schools in Scotland
  'GB-WALEDU', // Schools in Wales
  'GB-GOR', // UK government organisations register
  'GB-GOVUK', // GOV.UK organisations
  'GB-LAE', // Local authorities in England
  'GB-LAS', // Local authorities in Scotland
  'GB-LANI', // Local authorities in Northern Ireland
  'GB-PLA', // Principal local authorities in Wales
  'GB-NHS', // NHS organisations
  'GB-SHPE', // Social housing providers (England)
  'GB-REV', // HM Revenue and Customs charities
  // Elsewhere
  'IE-CHY', // Irish charities (Revenue)
  'IE-CRO', // Irish Companies Registration Office
  'IE-CHARITY', // Charities Regulator (Ireland)
  'US-EIN', // US employer identification numbers
  'CA-CRA_ACR', // Canada Revenue Agency charities
  'AU-ABN', // Australian Business Number
  'NZ-CC', // New Zealand charities
  'NL-KVK', // Netherlands chamber of commerce
  'XI-IATI', // IATI organisation identifiers
  'XI-GRID', // Global Research Identifier Database
  'XI-ROR', // Research Organization Registry
  'XI-LEI', // Legal Entity Identifiers
  'XI-WIKIDATA', // Wikidata
];
