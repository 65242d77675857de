// Package css reads the stylesheets of council websites, which are
// untrusted input, and computes the styles the accessibility rules need
// without a browser: it wraps tdewolff/parse/v2/css (tokens and grammar)
// and andybalholm/cascadia (selector matching and specificity).
//
// What it decides, once for every caller:
//   - which <link> elements are stylesheets a browser applies
//     (StylesheetLink) and which media lists apply to the stated viewport
//     (Viewport, MediaApplies);
//   - which @import rules a stylesheet makes (Imports), so the crawler
//     can fetch them, up to MaxImportDepth;
//   - a compiled stylesheet (Compile): its style rules with compiled
//     selectors, their specificity and order, @media and @supports
//     resolved for the viewport, all under the work limits below;
//   - the cascade (Cascade): the computed values of the properties that
//     contrast, visibility and focus need, with inheritance, !important,
//     inline styles, custom properties and a user-agent stylesheet.
//
// Everything it cannot resolve is said, never guessed: a colour it cannot
// parse is left unknown, and the contrast rule reports that as can't tell.
package css
