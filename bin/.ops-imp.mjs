import { register } from 'tsx/esm/api';
register();
const t0 = performance.now();
const what = process.argv[2];
if (what) await import(what);
console.log(what, (performance.now() - t0).toFixed(0) + 'ms');
