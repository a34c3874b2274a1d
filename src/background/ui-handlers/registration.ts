import type { RegistrationMessages } from '../../shared/ui-api';
import type { AreaHandlers, UiHandlerDeps } from './types';

export const registrationHandlers = ({ registrar }: UiHandlerDeps): AreaHandlers<RegistrationMessages> => ({
  ui_registrationStatus: () => registrar.status(),
  // Repeating it is harmless: it only sends what still waits.
  ui_retryRegistration: () => registrar.retryNow(),
});
