import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';
import { AllCommunityModule as AllChartsModule, ModuleRegistry as ChartsModuleRegistry } from 'ag-charts-community';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles.css';

ModuleRegistry.registerModules([AllCommunityModule]);
ChartsModuleRegistry.registerModules([AllChartsModule]);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
