import type { KbItemKind, KbVisibility } from '@switchboard/contracts';

/** One language's text of a demo item. `keywords` are other ways customers ask; bodies may use placeholders. */
export type DemoKbText = { title: string; keywords?: string; body: string };

export type DemoKbItem = {
  /** Stable name the evaluation set refers to. */
  key: string;
  category: string;
  kind: KbItemKind;
  visibility: KbVisibility;
  en?: DemoKbText;
  fa?: DemoKbText;
};

export type DemoKnowledge = {
  categories: { key: string; names: { en: string; fa: string } }[];
  items: DemoKbItem[];
};
