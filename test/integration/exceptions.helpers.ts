// What the exceptions tests share: one case as a colleague would file it (no customer identifiers).

export const FORM = {
  situation: 'Huurder heeft 3 maanden achterstand door ziekte en langdurige opname. Vraagt een regeling van 18 maanden.',
  rule: 'Een betalingsregeling duurt hoogstens 12 maanden',
  proposal: 'Regeling van 18 maanden, met een gesprek bij de schuldhulp',
  leaning: 'Met 12 maanden lukt het niet; zo voorkomen we een ontruiming.',
  urgency: 'vandaag',
};
