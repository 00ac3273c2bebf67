// `npm run dev`: the API with reload (tsx watch) and the Vite dev server with hot reload, side by side.
import { spawn } from 'node:child_process';

const procs = [
  spawn('npm', ['run', 'dev', '-w', '@casearena/server'], { stdio: 'inherit' }),
  spawn('npm', ['run', 'dev', '-w', '@casearena/web'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const p of procs) p.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const p of procs) p.on('exit', (code) => code && code !== 0 && stop());
