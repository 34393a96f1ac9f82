import { useCallback, type JSX } from 'react';
import {
  Button,
  Toast,
  ToastTitle,
  Toaster,
  useId,
  useToastController,
  type ToastIntent,
} from '@fluentui/react-components';

export const TOASTER_ID = 'rounds-toaster';

export interface NotifyOptions {
  intent?: ToastIntent;
  action?: { label: string; onClick: () => void };
}

export type Notify = (message: string, options?: NotifyOptions) => void;

/**
 * The app's one toaster; Ctrl+M moves focus to the newest toast (its Undo button) from the keyboard.
 * Bottom-start: the row actions (edit note, remove) are the grid's last column, on the right, and a toast
 * at the end stacked over them (#11 item 9).
 */
export function AppToaster(): JSX.Element {
  return (
    <Toaster
      toasterId={TOASTER_ID}
      position="bottom-start"
      pauseOnHover
      pauseOnWindowBlur
      shortcuts={{ focus: (event) => event.ctrlKey && event.key === 'm' }}
    />
  );
}

export function useNotify(): Notify {
  const { dispatchToast, dismissToast } = useToastController(TOASTER_ID);
  const prefix = useId('toast');
  return useCallback(
    (message, options = {}) => {
      const toastId = `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const action = options.action;
      dispatchToast(
        <Toast>
          <ToastTitle
            action={
              action ? (
                <Button
                  size="small"
                  appearance="transparent"
                  onClick={() => {
                    dismissToast(toastId);
                    action.onClick();
                  }}
                >
                  {action.label}
                </Button>
              ) : undefined
            }
          >
            {message}
          </ToastTitle>
        </Toast>,
        { toastId, intent: options.intent ?? 'success', timeout: action ? 10_000 : 5_000 },
      );
    },
    [dispatchToast, dismissToast, prefix],
  );
}
