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
//   - the cascade (Compose, Rules.Cascade, Cascade.Compute): the computed
//     values of the properties that contrast, visibility and focus need,
//     with inheritance, !important, layers, inline styles, presentational
//     attributes, custom properties and a user-agent stylesheet. A page's
//     rules may come in parts (NewCascadeOf): its site's linked sheets,
//     composed once, and its own <style> elements (ComposeMore), which
//     still cascade in document order. Elements are read as Node (classes
//     and id read once, parent and previous sibling linked, from an Arena
//     per page); selectors without pseudo-classes are matched by the
//     package's own matcher, the rest by cascadia, after a key mask and a
//     Bloom filter of each element's ancestors have ruled most rules out.
//     Styles are shared by elements whose declarations in force are the
//     same over the same parent style, and custom property scopes by
//     every element and page that declares the same ones over the same
//     scope.
//
// Everything it cannot resolve is said, never guessed: a colour it cannot
// parse is left unknown, and the contrast rule reports that as can't tell.
package css
