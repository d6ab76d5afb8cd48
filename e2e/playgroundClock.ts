// Preloaded into the Playground process by the e2e runner (`node -r …/playgroundClock.js cli.js`):
// shifts its clock to the bot's FAKE_NOW, so the times the Playground prints above each message
// match the times inside the bot's cards ("Opgepakt door Anna om 09:01") and the screenshots stay
// the same from run to run. Only Date is shifted (new Date(), Date(), Date.now()); timers and
// performance.now() run as usual. E2E_FAKE_NOW is the ISO instant the clock starts at.
const start = Date.parse(process.env.E2E_FAKE_NOW ?? '');
if (Number.isFinite(start)) {
  const RealDate = Date;
  const offset = start - RealDate.now();
  const now = () => RealDate.now() + offset;
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return args.length ? Reflect.construct(target, args, newTarget) : Reflect.construct(target, [now()], newTarget);
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(target, prop, receiver) {
      if (prop === 'now') return now;
      return Reflect.get(target, prop, receiver);
    },
  });
}

export {};
