import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('which database errors mean "unavailable" (503) rather than a fault (500)', () => {
  it('recognises shutdown, connection and socket failures, also wrapped by Drizzle or in an AggregateError', () => {
    const yes = [
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006'),
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('Failed query: select 1'), { cause: withCode('57P01') }),
      new AggregateError([withCode('ECONNREFUSED')], 'connect failed'),
    ];
    expect(yes.map(isDatabaseUnavailable)).toEqual(yes.map(() => true));
  });

  it('leaves data and constraint errors alone', () => {
    const no = [withCode('23505'), withCode('22P02'), withCode('40001'), new Error('boom'), null, 'text'];
    expect(no.map(isDatabaseUnavailable)).toEqual(no.map(() => false));
  });
});
