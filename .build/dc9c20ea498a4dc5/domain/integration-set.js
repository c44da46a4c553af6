const INTEGRATION_SET_VERSION = "2026.2";
const INTEGRATION_AREAS = [
  { id: "asyl", number: 1, title: "Asyl- och flyktingmottagande", titleEn: "Asylum and refugee reception" },
  { id: "sfi", number: 2, title: "Sfi", titleEn: "Swedish for immigrants (sfi)" },
  { id: "etablering", number: 3, title: "Etableringsuppdraget", titleEn: "The establishment programme" },
  {
    id: "arbete-studier",
    number: 4,
    title: "Etablering i arbete och studier",
    titleEn: "Establishment in work and studies"
  },
  {
    id: "demografi",
    number: 5,
    title: "Demografi, migration och boende",
    titleEn: "Demography, migration and housing"
  },
  { id: "representation", number: 6, title: "Representation", titleEn: "Representation" },
  { id: "barn-unga", number: 7, title: "Barn och unga", titleEn: "Children and young people" }
];
const INTEGRATION_SET = [
  // Area 1. Volumes and costs describe the task, not how well it is done: direction "neither".
  { id: "N01986", area: "asyl", direction: "neither", unit: "antal", label: "Mottagna i flyktingmottagandet" },
  { id: "N01987", area: "asyl", direction: "neither", unit: "antal", label: "Mottagna efter anvisning" },
  { id: "N02006", area: "asyl", direction: "neither", unit: "per 1 000 inv", label: "Mottagna i flyktingmottagandet per 1 000 inv\xE5nare" },
  { id: "N02002", area: "asyl", direction: "neither", unit: "antal", label: "Anvisade ensamkommande barn" },
  { id: "N01990", area: "asyl", direction: "neither", unit: "antal", label: "Asyls\xF6kande i Migrationsverkets mottagande" },
  { id: "N01993", area: "asyl", direction: "neither", unit: "per 1 000 inv", label: "Asyls\xF6kande per 1 000 inv\xE5nare" },
  { id: "N01991", area: "asyl", direction: "neither", unit: "antal", label: "Asyls\xF6kande i anl\xE4ggningsboende (ABO)" },
  { id: "N01992", area: "asyl", direction: "neither", unit: "antal", label: "Asyls\xF6kande i eget boende (EBO)" },
  { id: "N01995", area: "asyl", direction: "neither", unit: "antal", label: "Asyls\xF6kande i \xF6vrigt boende" },
  { id: "N40007", area: "asyl", direction: "neither", unit: "kr/inv", label: "Kostnad f\xF6r flyktingmottagande" },
  { id: "N40010", area: "asyl", direction: "neither", unit: "kr/inv", label: "Nettokostnad f\xF6r flyktingmottagande" },
  { id: "N40014", area: "asyl", direction: "neither", unit: "%", label: "K\xF6pt flyktingmottagande, andel av kostnaden" },
  { id: "U30464", area: "asyl", direction: "neither", unit: "ja/nej", label: "Tar emot anvisade nyanl\xE4nda" },
  { id: "U30465", area: "asyl", direction: "higher", unit: "ja/nej", label: "Goda m\xF6jligheter att ordna bostad \xE5t anvisade" },
  // Area 2. Study paths (studieväg) describe who the students are: "neither".
  { id: "N18801", area: "sfi", direction: "neither", unit: "antal", label: "Elever i sfi" },
  { id: "N18701", area: "sfi", direction: "neither", unit: "%", label: "Sfi-elever som \xE4r flyktingar eller anh\xF6riga" },
  { id: "N18406", area: "sfi", direction: "neither", unit: "%", label: "Kursdeltagare i sfi p\xE5 studiev\xE4g 1" },
  { id: "N18407", area: "sfi", direction: "neither", unit: "%", label: "Kursdeltagare i sfi p\xE5 studiev\xE4g 2" },
  { id: "N18408", area: "sfi", direction: "neither", unit: "%", label: "Kursdeltagare i sfi p\xE5 studiev\xE4g 3" },
  { id: "N18409", area: "sfi", direction: "higher", unit: "%", label: "Klarat minst tv\xE5 sfi-kurser inom tv\xE5 \xE5r" },
  { id: "N18410", area: "sfi", direction: "neither", unit: "%", label: "Forts\xE4tter sfi men klarat f\xE4rre \xE4n tv\xE5 kurser" },
  { id: "N18411", area: "sfi", direction: "lower", unit: "%", label: "Avbrutit sfi med f\xE4rre \xE4n tv\xE5 klarade kurser" },
  { id: "N18413", area: "sfi", direction: "higher", unit: "%", label: "Avbrutit sfi och arbetar eller studerar" },
  { id: "N18954", area: "sfi", direction: "higher", unit: "%", label: "Studerar \xE5ret efter avslutad sfi" },
  { id: "N18938", area: "sfi", direction: "higher", unit: "%", label: "L\xE4ser sfi och komvux samtidigt" },
  { id: "N18704", area: "sfi", direction: "higher", unit: "%", label: "Sfi-l\xE4rare med l\xE4rarlegitimation" },
  { id: "N18008", area: "sfi", direction: "neither", unit: "kr/inv", label: "Nettokostnad f\xF6r sfi" },
  // Area 3. The intake's education mix is context; outcomes after leaving the programme have a direction.
  { id: "N00960", area: "etablering", direction: "neither", unit: "antal", label: "Inskrivna i etableringsuppdraget" },
  { id: "N00961", area: "etablering", direction: "neither", unit: "%", label: "Inskrivna med h\xF6gst f\xF6rgymnasial utbildning" },
  { id: "N00994", area: "etablering", direction: "neither", unit: "%", label: "Inskrivna utan formell grundl\xE4ggande utbildning" },
  { id: "N00962", area: "etablering", direction: "neither", unit: "%", label: "Inskrivna med gymnasial utbildning" },
  { id: "N00963", area: "etablering", direction: "neither", unit: "%", label: "Inskrivna med l\xE4ngre eftergymnasial utbildning" },
  { id: "N00964", area: "etablering", direction: "neither", unit: "antal", label: "L\xE4mnat etableringsuppdraget" },
  { id: "N00971", area: "etablering", direction: "higher", unit: "%", label: "L\xE4mnat etableringsuppdraget f\xF6r arbete" },
  { id: "N00973", area: "etablering", direction: "higher", unit: "%", label: "L\xE4mnat etableringsuppdraget f\xF6r arbete eller studier" },
  { id: "N00991", area: "etablering", direction: "neither", unit: "%", label: "L\xE4mnat etableringsuppdraget f\xF6r arbetsmarknadsprogram" },
  { id: "N31859", area: "etablering", direction: "neither", unit: "%", label: "Bist\xE5ndsmottagare med etableringsers\xE4ttning" },
  // SKR "Framgångsrik lokal integration": the outcome, the model's expected value and deviation, its inputs.
  { id: "N00700", area: "arbete-studier", direction: "higher", unit: "%", label: "Flyktingar 20\u201364 \xE5r i arbete", model: true },
  // Expected value from the model: context, not performance.
  { id: "N00485", area: "arbete-studier", direction: "neither", unit: "%", label: "F\xF6rv\xE4ntad andel flyktingar i arbete (SKR-modellen)", model: true },
  { id: "N00486", area: "arbete-studier", direction: "higher", unit: "procentenheter", label: "Avvikelse fr\xE5n f\xF6rv\xE4ntad andel i arbete", model: true },
  { id: "N00704", area: "arbete-studier", direction: "neither", unit: "%", label: "Flyktingar med kort vistelsetid (0\u20136 \xE5r)", model: true },
  { id: "N00705", area: "arbete-studier", direction: "neither", unit: "%", label: "Flyktingar med f\xF6rgymnasial utbildning", model: true },
  { id: "N00706", area: "arbete-studier", direction: "neither", unit: "%", label: "Flyktingar med gymnasial utbildning", model: true },
  { id: "N00707", area: "arbete-studier", direction: "neither", unit: "%", label: "Flyktingar med eftergymnasial utbildning", model: true },
  // A model input describing the local labour market: lower unemployment is better for everyone.
  { id: "N00708", area: "arbete-studier", direction: "lower", unit: "%", label: "Arbetsl\xF6shet bland inrikes f\xF6dda 20\u201364 \xE5r", model: true },
  // The successor of the retired N00712; no values in the 2024 snapshot yet.
  { id: "N00711", area: "arbete-studier", direction: "higher", unit: "%", label: "Flyktingar 20\u201364 \xE5r i arbete eller studier" },
  { id: "N00701", area: "arbete-studier", direction: "higher", unit: "%", label: "Flyktingar 20\u201364 \xE5r som studerar" },
  { id: "N02994", area: "arbete-studier", direction: "higher", unit: "%", label: "Flyktingar i arbete efter 4\u20136 \xE5r i Sverige" },
  { id: "N00703", area: "arbete-studier", direction: "lower", unit: "%", label: "Unga flyktingar 20\u201325 \xE5r utan arbete eller studier" },
  { id: "N00702", area: "arbete-studier", direction: "lower", unit: "%", label: "F\xF6rs\xF6rjningsst\xF6d i flyktingars nettoinkomst" },
  { id: "N02268", area: "arbete-studier", direction: "higher", unit: "%", label: "Syssels\xE4ttningsgrad, utrikes f\xF6dda 20\u201364 \xE5r" },
  { id: "N02269", area: "arbete-studier", direction: "higher", unit: "%", label: "Syssels\xE4ttningsgrad, inrikes f\xF6dda 20\u201364 \xE5r" },
  { id: "N02282", area: "arbete-studier", direction: "lower", unit: "%", label: "Arbetsl\xF6shet, utrikes f\xF6dda 20\u201364 \xE5r" },
  { id: "N02281", area: "arbete-studier", direction: "lower", unit: "%", label: "Arbetsl\xF6shet, inrikes f\xF6dda 20\u201364 \xE5r" },
  { id: "U01805", area: "arbete-studier", direction: "neither", unit: "%", label: "Utrikes f\xF6dda 18\u201364 \xE5r, 0\u20135 \xE5r sedan uppeh\xE5llstillst\xE5nd" },
  // Area 5. Population and migration describe the municipality; a higher dependency ratio or more
  // overcrowding is worse.
  { id: "N01951", area: "demografi", direction: "neither", unit: "antal", label: "Inv\xE5nare" },
  { id: "N01955", area: "demografi", direction: "neither", unit: "antal", label: "Inv\xE5nare 20\u201364 \xE5r" },
  { id: "N01976", area: "demografi", direction: "neither", unit: "antal", label: "Inv\xE5nare 0\u201319 och 65+ \xE5r" },
  { id: "N02926", area: "demografi", direction: "neither", unit: "%", label: "Utrikes f\xF6dda" },
  { id: "N02925", area: "demografi", direction: "neither", unit: "%", label: "Utrikes f\xF6dda utanf\xF6r EU/EFTA" },
  { id: "N00221", area: "demografi", direction: "neither", unit: "%", label: "Utrikes f\xF6dda 18\u201364 \xE5r" },
  { id: "N01806", area: "demografi", direction: "neither", unit: "antal", label: "Utrikes flyttnetto" },
  { id: "N01964", area: "demografi", direction: "neither", unit: "antal", label: "Inrikes flyttnetto" },
  { id: "N01803", area: "demografi", direction: "neither", unit: "antal", label: "F\xF6delsenetto" },
  { id: "N00927", area: "demografi", direction: "lower", unit: "kvot", label: "Demografisk f\xF6rs\xF6rjningskvot" },
  { id: "N02924", area: "demografi", direction: "lower", unit: "kvot", label: "F\xF6rs\xF6rjningskvot om fem \xE5r (framskrivning)" },
  { id: "N07901", area: "demografi", direction: "neither", unit: "per 1 000 inv", label: "Hyresr\xE4tter per 1 000 inv\xE5nare" },
  { id: "N07907", area: "demografi", direction: "lower", unit: "%", label: "Tr\xE5ngboddhet i flerbostadshus" },
  // Area 6. Plain shares depend on the population's make-up ("neither"); balance figures compare with it
  // (1.0 = same share as the population) and nearly every kommun is below 1, so higher is better.
  { id: "N05825", area: "representation", direction: "neither", unit: "%", label: "Utrikes f\xF6dda bland f\xF6rtroendevalda" },
  { id: "N05826", area: "representation", direction: "neither", unit: "%", label: "Utrikes f\xF6dda i kommunfullm\xE4ktige" },
  { id: "N05832", area: "representation", direction: "higher", unit: "balanstal", label: "Utrikes f\xF6ddas representation i fullm\xE4ktige" },
  { id: "U65861", area: "representation", direction: "higher", unit: "%", label: "Valdeltagande, utrikes f\xF6dda" },
  { id: "U65860", area: "representation", direction: "higher", unit: "%", label: "Valdeltagande, inrikes f\xF6dda" },
  { id: "N00220", area: "representation", direction: "neither", unit: "%", label: "Utrikes f\xF6dda bland kommunens anst\xE4llda" },
  { id: "N00217", area: "representation", direction: "higher", unit: "balanstal", label: "Utrikes f\xF6ddas representation bland anst\xE4llda" },
  // Barn och unga (Etablera's addition to SKR's six areas).
  { id: "N15901", area: "barn-unga", direction: "neither", unit: "%", label: "Nyinvandrade elever i grundskolan (hemkommun)" },
  { id: "N15902", area: "barn-unga", direction: "neither", unit: "%", label: "Nyinvandrade och ok\xE4nd bakgrund i kommunal grundskola" },
  { id: "U09886", area: "barn-unga", direction: "higher", unit: "ja/nej", label: "Verksamhet s\xE4rskilt f\xF6r nyinvandrade elever" },
  { id: "U37003", area: "barn-unga", direction: "neither", unit: "per 1 000 inv", label: "Ensamkommande barn med god man per 1 000 inv\xE5nare" }
];
const BY_ID = new Map(INTEGRATION_SET.map((k) => [k.id, k]));
function integrationKpi(id) {
  return BY_ID.get(id);
}
const INTEGRATION_KPI_IDS = INTEGRATION_SET.map((k) => k.id);
export {
  INTEGRATION_AREAS,
  INTEGRATION_KPI_IDS,
  INTEGRATION_SET,
  INTEGRATION_SET_VERSION,
  integrationKpi
};
//# sourceMappingURL=integration-set.js.map
