// The small forms of one feature each: geholpen (contactForm.json), ervaring (experienceForm.json),
// instellingen (settings.json) and the report (report.json).
import { formData, inputs, noData } from './shared';
import { z } from 'zod';

export const formsContract = {
  /** The help card's "Klant geholpen" (cards posted before the buttons ran the typed command). */
  'contact.form': noData,
  'contact.create': formData('how', 'topic', 'customer'),
  'experience.create': formData('kind', 'text', 'lesson'),
  'settings.save': z.looseObject({ ...inputs('personalDigest', 'directNumber') }),
  'report.csv': noData,
} as const;
