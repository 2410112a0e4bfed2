/**
 * Microsoft Entra ID sign-in: token requests built with Nimbus OAuth SDK, a single-flight token cache, and
 * the translation of AADSTS error codes into classified, actionable errors.
 */
package io.ipaas.connector.dynamics365.auth;
