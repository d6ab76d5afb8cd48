// Appointments: the chooser and form (appointmentChoose.json, appointmentForm.json), the acknowledge
// fold (appointmentOwner.json, part of the owner view) and the owned life cycle.
import { z } from 'zod';
import { lifecycleContract, OWNER_INPUTS } from './lifecycle';
import { formData, itemData, noData, text } from './shared';

const FORM_INPUTS = ['customerName', 'contact', 'topic', 'details', 'sensitive', 'date', 'time', 'how', 'owner', 'slot'] as const;
/** The kind of appointment the form is for; an unknown one shows the chooser again. */
const form = formData(...FORM_INPUTS).extend({ promiseKind: text });

export const appointmentContract = {
  ...lifecycleContract('appointment'),
  'appointment.start': noData,
  'appointment.form': z.looseObject({ promiseKind: text }),
  'appointment.lookupCustomer': form,
  'appointment.create': form,
  /** "Vrije momenten tonen": the same form again with the colleague's free moments (issue 17). */
  'appointment.freeMoments': form,
  'appointment.acknowledge': itemData('ackDate', 'ackTime', ...OWNER_INPUTS),
} as const;
