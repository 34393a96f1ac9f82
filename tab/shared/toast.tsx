import { useCallback, useEffect, type JSX, type KeyboardEvent } from 'react';
import {
  Button,
  Toast,
  ToastTitle,
  Toaster,
  useId,
  toasterClassNames,
  useToastController,
  type ToastIntent,
} from '@fluentui/react-components';

export const TOASTER_ID = 'rounds-toaster';

export interface NotifyOptions {
  intent?: ToastIntent;
  action?: { label: string; onClick: () => void };
}

export type Notify = (message: string, options?: NotifyOptions) => void;

/** The element focused before the keyboard went into a toast (Ctrl+M), where Tab and Escape send it back. */
let lastFocusOutside: HTMLElement | null = null;

/**
 * Toasts never take or hold the focus (WCAG 2.1.2, #11 item 1): Fluent makes every toast a tab stop that
 * keeps Tab on itself when it has nothing inside to focus, so ours are out of the tab order
 * (tabIndex -1), and from inside one (Ctrl+M, to reach Undo) Tab, Shift+Tab and Escape go back where the
 * user was. Runs after Fluent's own key handling, which calls it last.
 */
function leaveToast(event: KeyboardEvent<HTMLDivElement>): void {
  if (event.key !== 'Tab' && event.key !== 'Escape') return;
  const back = lastFocusOutside?.isConnected ? lastFocusOutside : null;
  if (!back) return;
  event.preventDefault();
  event.stopPropagation();
  back.focus();
}

/**
 * The app's one toaster; Ctrl+M moves focus to the newest toast (its Undo button) from the keyboard.
 * Bottom-start: the row actions (edit note, remove) are the grid's last column, on the right, and a toast
 * at the end stacked over them (#11 item 9).
 */
export function AppToaster(): JSX.Element {
  useEffect(() => {
    const remember = (event: FocusEvent): void => {
      const target = event.target;
      if (target instanceof HTMLElement && !target.closest(`.${toasterClassNames.root}`)) lastFocusOutside = target;
    };
    document.addEventListener('focusin', remember);
    return () => document.removeEventListener('focusin', remember);
  }, []);
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
        {
          toastId,
          intent: options.intent ?? 'success',
          timeout: action ? 10_000 : 5_000,
          root: { tabIndex: -1, onKeyDown: leaveToast },
        },
      );
    },
    [dispatchToast, dismissToast, prefix],
  );
}
