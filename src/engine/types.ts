/** The engine's snapshot of a page: measured once, read by every rule. */
import type { Role } from '../report/schema';
import type { TextIndex } from './page-text';

export type Box = { x: number; y: number; width: number; height: number };

/** Why a control is hard to perceive; each is evidence for hidden-exit. */
export type HiddenState = {
  notRendered: boolean;
  transparent: boolean;
  clipped: boolean;
  /** Clipped only by ancestors the user can scroll (a row of cards, a dialog's long body): scrolling shows it. Not in the report. */
  clippedInScroller?: boolean;
  offScreen: boolean;
  /** null when the centre is outside the viewport and could not be hit-tested. */
  covered: boolean | null;
  coveredBy: string | null;
  /**
   * What covers it is fixed or sticky (a site header, a cookie banner, a chat button): where it falls on
   * the page depends on how far the page is scrolled, so it singles out no control. Not in the report.
   */
  coveredByFixed?: boolean;
  collapsed: boolean;
  collapsedBy: string | null;
};

export type Measurement = {
  /** Box in page coordinates (scroll-independent). */
  box: Box;
  area: number;
  fontSize: number;
  fontWeight: number;
  textColor: string | null;
  /** Composed colour behind the text; null when a background image or gradient hides it. */
  background: string | null;
  /** WCAG contrast of text to background; null when unmeasurable. */
  contrast: number | null;
  contrastUnmeasurable: string | null;
  /** Over a gradient: the lowest and highest contrast against its colours (the truth lies between). */
  contrastBounds: [number, number] | null;
  /**
   * The text's contrast as a share of the strongest its backdrop allows (black or white text on it):
   * how dim it is, on a light or a dark theme alike. Over a gradient, the highest share along it.
   */
  contrastShare: number | null;
  /** Contrast of the control's own fill (or border) to what surrounds it; 1 = no fill. */
  fillContrast: number;
  fillChroma: number;
  outlined: boolean;
  /** Pixels between the first screen's bottom edge and the control's top; 0 when on the first screen. */
  belowFold: number;
  state: HiddenState;
};

export type ScopeKind = 'document' | 'shadow' | 'frame';

export type MeasuredControl = {
  id: string;
  element: Element;
  role: Role;
  text: string;
  matchedPhrase: string | null;
  tags: string[];
  selector: string;
  kind: string;
  checked: boolean | null;
  measurement: Measurement;
  salience: number;
  /** Salience with an unmeasurable contrast taken at its best and worst. */
  salienceRange: [number, number];
  visible: boolean;
  /** Key of the screen the control belongs to: a dialog's selector, or "page". */
  screen: string;
  /** Ids of plan controls in the smallest container around this one (a card, a form, a dialog). */
  near: string[];
  /** Text of the nearest heading or section label above the control. */
  section: string | null;
};

export type TextBlock = {
  id: string;
  element: Element;
  text: string;
  selector: string;
  fontSize: number;
  contrast: number | null;
  /** Over a gradient: the contrast against its least and most contrasting colours. */
  contrastBounds: [number, number] | null;
  visible: boolean;
  /** Not visible only because a section or menu is closed: a click on its toggle shows it. */
  collapsed: boolean;
  inDialog: boolean;
  screen: string;
  /** Inside a quotation, an article body or a help page: prose, not interface. */
  prose: boolean;
  /** Ids of controls in the smallest surrounding container that has plan controls. */
  nearControls: string[];
};

/** account: a signed-in plan interface; checkout: paying for a subscription (both are subscription pages). */
export type PageKind = 'account' | 'checkout' | 'pricing' | 'article' | 'help' | 'other';

export type Snapshot = {
  url: string;
  title: string;
  language: 'zh' | 'en';
  viewport: { width: number; height: number };
  pageKind: PageKind;
  subscriptionPage: boolean;
  pageSignals: Record<string, number>;
  controls: MeasuredControl[];
  blocks: TextBlock[];
  /**
   * Labels that start with a verb of leaving and name a thing no plan control names ("停用機場接送服務",
   * "Stop roadside cover"): perhaps a way out of a plan the word lists do not know.
   */
  possibleExits?: string[];
  /** The page's text as the pre-check read it (title, the document's text up to 100,000 characters, more), for checks made after the scan. */
  pageText?: string;
  /** pageText(doc, cap) as the scan's walk read it, without walking again; null when the walk did not read that far. */
  textUpTo?: (cap: number) => string | null;
  /** True: the page's text holds no exit-survey question (the pre-check ruled it out without reading the text whole). */
  noExitSurvey?: boolean;
  /** The shadow roots the scan read (those of the document's walk; of a measured page, every one discovery entered, nested too): changes inside them are watched too. */
  shadowRoots?: () => ShadowRoot[];
  /**
   * The elements found covering a control or text measured. A shadow host among them whose root the scan
   * did not read (attached while the scan ran, which no observer sees, or attached closed) covers what
   * the scan measured without reading it: a retention dialog taken for what hides a way out.
   */
  coveringElements?: () => Element[];
  /**
   * A measured page's walk of its text, read to the end: the next scan may read it again instead of
   * walking (ScanOptions.walk) when nothing in the text or structure of the page has changed.
   */
  walk?: TextIndex;
};
