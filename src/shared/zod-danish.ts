import { z } from 'zod';

/**
 * zod's own messages in Danish (its `da` locale), for every schema of the contract wherever it is
 * checked: a refused argument reads "Ugyldigt input: forventede tal, fik streng", not English.
 * Imported once, for this effect, by `api.ts`.
 */
z.config(z.locales.da());
