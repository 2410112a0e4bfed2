/**
 * Authentication: the kinds a connector supports, its current status, and the interactive authorization
 * steps (authorize URL, callback) that the host drives for delegated sign-ins.
 */
package io.ipaas.connector.api.auth;
