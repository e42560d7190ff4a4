export {
  checkHtmlComplexity,
  defaultHtmlLimits,
  type HtmlComplexity,
  type HtmlLimits,
} from './check-html-complexity.js';
export { stripHtml } from './strip-html.js';
