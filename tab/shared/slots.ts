// The props of the features the lists view opens (add patients, details, note, rounding sheet).
// Features never import each other: App.tsx passes the components in, lazily loaded.
import type { ComponentType } from 'react';
import type { Entry, List, Row } from '../../server/wire/contract';

export interface AddPatientsProps {
  list: List;
  /** Patient ids already on the list, shown as such in the results. */
  patientIdsOnList: string[];
  onAdded: (entries: Entry[]) => void;
  onClose: () => void;
}

export interface PatientDetailProps {
  /** The list the patient was opened from: the server checks it like the list itself. */
  listId: string;
  row: Row;
  /** A link to this patient on this list for a teammate (a Teams deep link in Teams): "Copy link" offers it. */
  link?: string;
  onEditNote: () => void;
  onClose: () => void;
}

export interface NoteEditorProps {
  listId: string;
  entry: Entry;
  patientName: string;
  /** The user's text was saved: the list shows it and says so. */
  onSaved: (entry: Entry) => void;
  /** A save met a colleague's newer note (409): the list shows theirs, and nothing claims a save. */
  onTheirs: (entry: Entry) => void;
  onClose: () => void;
}

export interface RoundingSheetProps {
  list: List;
  rows: Row[];
  onClose: () => void;
}

export interface ListsSlots {
  AddPatients: ComponentType<AddPatientsProps>;
  PatientDetail: ComponentType<PatientDetailProps>;
  NoteEditor: ComponentType<NoteEditorProps>;
  RoundingSheet: ComponentType<RoundingSheetProps>;
}
