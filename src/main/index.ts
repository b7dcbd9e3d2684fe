import * as electron from 'electron';
import { startApp } from './electron/app';

// The Electron entry point stays one line thick: everything testable lives in electron/ and the services.
void startApp(electron);
