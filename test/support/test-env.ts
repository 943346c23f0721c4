// Configuration every test app and every spawned `otvet` gets: cheap password hashes (scrypt at
// N = 2^4 instead of 2^15, about 4000 times less work), allowed only with NODE_ENV=test.
export const testEnv = { NODE_ENV: 'test', PASSWORD_HASH_COST: '4' } as const;
