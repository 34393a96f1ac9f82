// Every feature loads on demand (React.lazy), so the first download stays small.
import { lazy } from 'react';
import type { ListsSlots } from '../shared/slots';

export const ListsView = lazy(() => import('../features/lists/ListsView').then((m) => ({ default: m.ListsView })));
export const ConfigPage = lazy(() => import('../features/config/ConfigPage').then((m) => ({ default: m.ConfigPage })));
export const RemovePage = lazy(() => import('../features/config/RemovePage').then((m) => ({ default: m.RemovePage })));
export const DemoSignIn = lazy(() => import('../features/sign-in/DemoSignIn').then((m) => ({ default: m.DemoSignIn })));
export const AadSignIn = lazy(() => import('../features/sign-in/AadSignIn').then((m) => ({ default: m.AadSignIn })));

/** What the lists view opens: App.tsx is where features meet, so they never import each other. */
export const LIST_SLOTS: ListsSlots = {
  AddPatients: lazy(() =>
    import('../features/add-patient/AddPatientsDialog').then((m) => ({ default: m.AddPatientsDialog })),
  ),
  PatientDetail: lazy(() =>
    import('../features/patient-detail/PatientDrawer').then((m) => ({ default: m.PatientDrawer })),
  ),
  NoteEditor: lazy(() => import('../features/notes/NoteEditor').then((m) => ({ default: m.NoteEditor }))),
  RoundingSheet: lazy(() => import('../features/print/RoundingSheet').then((m) => ({ default: m.RoundingSheet }))),
};
