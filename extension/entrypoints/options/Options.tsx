import { ConnectServer } from './ConnectServer';
import { CustomerRules } from './CustomerRules';
import { DiagnosticsSites } from './DiagnosticsSites';
import { PrivacySettings } from './PrivacySettings';
import './settings-sections.css';

export function Options() {
  return (
    <main>
      <h1>Snag settings</h1>
      <ConnectServer />
      <PrivacySettings />
      <CustomerRules />
      <DiagnosticsSites />
    </main>
  );
}
