/** What terms of a purchase state: a price, or a price or a period. Shared by page kind and the renewal rule. */

/** A price: what the terms of a purchase state. */
export const PRICE = /[¥$€£￥]|\d\s*(元|块|圓|圆|港元|港幣|新台幣|usd|eur|gbp)/iu;

/** A price or a period: what renewal terms state (a footer's "© 2026 … 自动续费服务协议" states neither). */
export const PRICE_OR_PERIOD =
  /[¥$€£￥]|\d\s*(元|块|圓|圆|港元|港幣|新台幣|usd|eur|gbp)|\d+\s*(天|日|个月|個月|月|年|周|週|期|days?|weeks?|months?|years?)(?![a-z])|\b(per|a|every|each)\s+(month|year|week|term)|\/\s*(mo|month|yr|year|月|年|季)|(每|逐|按)(月|年|季|周|週|期)/iu;

/**
 * A price with the period it recurs by ("每月 NT$99", "NT$99／月", "$4.99 per month"): a box so labelled
 * adds a recurring charge, whether or not it names renewal.
 */
export const RECURRING_PRICE =
  /(每|按)(月|年|季|周|週)\s*(只要|僅需|仅需|只需)?\s*(nt\$|us\$|hk\$|[¥$€£￥])\s*\d|(nt\$|us\$|hk\$|[¥$€£￥])\s*\d[\d,.]*\s*(元|圓)?\s*(\/|／|每|per\s|a\s|every\s)\s*(mo\b|month|yr\b|year|week|月|年|季|周|週)|\d[\d,.]*\s*(元|圓|块)\s*(\/|／|每)\s*(月|年|季|周|週)/iu;
