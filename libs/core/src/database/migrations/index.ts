// Written by `npm run migration:generate`: every migration in this folder, oldest first.
import { Initial1795440382892 } from './1795440382892-Initial.js';

export const MIGRATIONS = [Initial1795440382892];
