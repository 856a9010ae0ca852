// Loaded as the first thing in <body>, as a file (the CSP allows no inline script).
// GOV.UK Frontend's CSS and components need these classes on <body>.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
