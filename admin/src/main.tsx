import React from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadLocale, storedLocale } from './i18n';

// A panel left in English loads its dictionary before the first paint (Chinese is in the bundle).
void loadLocale(storedLocale()).finally(() =>
  createRoot(document.getElementById('root')!).render(
    <React.StrictMode>
      <App />
    </React.StrictMode>,
  ),
);
