import path from 'node:path';
import { addMonths } from '../../src/shared/periods';
import { fakeCpr, shiftDays } from './citizen-fixtures';
import { writeDanishCsv } from './import-files';

/**
 * citizen-models (issue 10): a small jobcenter extract (spells and events, as .csv files the
 * importer reads) whose monthly counts are known by construction, and the Jobindsats-style file
 * that publishes exactly those counts. Models B and D must give the same on either.
 *
 * For each cohort month 2023-07 … 2023-12 and municipality 101 and 147:
 * - 12 kontanthjælp spells and 8 sygedagpenge spells starting on the 15th six months before the
 *   month (the window [start, start + 6 months) ends on the 15th of the cohort month);
 * - of the kontanthjælp spells, `lackingInterviews[i]` get 2 jobcenter interviews (short of 4), the
 *   rest 4; `lackingOffers[i]` get no offer, the rest one; of the sygedagpenge spells one gets 3
 *   interviews, the rest 4 (sygedagpenge has no offer requirement);
 * - noise that must not count: a kontanthjælp spell ending a month after its start (never in a
 *   cohort), and an interview and an offer on the day the window ends (outside it).
 *
 * Model B (three months in a row above 20 %, at least 10 citizens): 101's kontanthjælp offers are
 * 4 of 12 = 33 % in July–September and 1 of 12 in October, so 101 has a finding in September and
 * none from October; 147's kontanthjælp interviews are 5 of 12 = 42 % every month, a finding every
 * month from September. Sygedagpenge (8 citizens) is never assessed.
 */
export const citizenModelMonths = ['2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'];
export const citizenModelDesign: Record<number, { lackingInterviews: number[]; lackingOffers: number[] }> = {
  101: { lackingInterviews: [2, 3, 6, 1, 0, 3], lackingOffers: [4, 4, 4, 1, 4, 4] },
  147: { lackingInterviews: [5, 5, 5, 5, 5, 5], lackingOffers: [1, 1, 1, 1, 1, 1] },
};

const danishDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export const spellHeader = ['CPR-nr.', 'Kommune', 'Ydelsesgruppe', 'Startdato', 'Slutdato'];
export const eventHeader = ['CPR-nr.', 'Dato', 'Hændelse', 'Afholdt af', 'Tilbudstype'];

export function buildCitizenModelData(): { spells: string[][]; events: string[][]; published: (string | number)[][]; citizenIds: string[] } {
  const spells: string[][] = [];
  const events: string[][] = [];
  const published: (string | number)[][] = [];
  const citizenIds: string[] = [];
  let serial = 0;
  const citizen = () => {
    const id = fakeCpr(serial++);
    citizenIds.push(id);
    return id;
  };
  const interview = (id: string, date: string) => events.push([id, danishDate(date), 'Jobsamtale', 'Jobcenter', '']);
  const offer = (id: string, date: string) => events.push([id, danishDate(date), 'Aktivt tilbud', '', 'Virksomhedspraktik']);
  for (const code of [101, 147]) {
    citizenModelMonths.forEach((month, monthIndex) => {
      const start = `${addMonths(month, -6)}-15`;
      const windowEnd = `${month}-15`;
      const add = (group: string, interviews: number, withOffer: boolean) => {
        const id = citizen();
        spells.push([id, String(code), group, danishDate(start), '']);
        for (let index = 0; index < interviews; index++) interview(id, shiftDays(start, 10 + index * 30));
        if (withOffer) offer(id, shiftDays(start, 40));
        interview(id, windowEnd);
        offer(id, windowEnd);
      };
      const { lackingInterviews, lackingOffers } = citizenModelDesign[code];
      for (let index = 0; index < 12; index++) add('Kontanthjælp', index < lackingInterviews[monthIndex] ? 2 : 4, index >= lackingOffers[monthIndex]);
      for (let index = 0; index < 8; index++) add('Sygedagpenge', index === 0 ? 3 : 4, false);
      spells.push([citizen(), String(code), 'Kontanthjælp', danishDate(start), danishDate(shiftDays(start, 30))]);
      const share = (lacking: number, measured: number) => ((lacking / measured) * 100).toFixed(1).replace('.', ',');
      const jobindsatsMonth = `${month.slice(0, 4)}M${month.slice(5)}`;
      published.push([code, 'Kontanthjælp', jobindsatsMonth, 12, lackingInterviews[monthIndex], share(lackingInterviews[monthIndex], 12), lackingOffers[monthIndex], share(lackingOffers[monthIndex], 12)]);
      published.push([code, 'Sygedagpenge', jobindsatsMonth, 8, 1, share(1, 8), '', '']);
    });
  }
  return { spells, events, published, citizenIds };
}

/** The three files in `dir`: spells and events (the jobcenter's extract), and the Jobindsats-style counts. */
export function writeCitizenModelFiles(dir: string): { spellsFile: string; eventsFile: string; publishedFile: string; citizenIds: string[] } {
  const data = buildCitizenModelData();
  return {
    spellsFile: writeDanishCsv(path.join(dir, 'forloeb-2023.csv'), data.spells, spellHeader),
    eventsFile: writeDanishCsv(path.join(dir, 'haendelser-2023.csv'), data.events, eventHeader),
    publishedFile: writeDanishCsv(path.join(dir, 'jobindsats-2023H2.csv'), data.published),
    citizenIds: data.citizenIds,
  };
}
