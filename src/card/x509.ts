/**
 * @peculiar/x509 needs a Reflect metadata polyfill loaded before it (its README, "Reflect
 * Polyfill Required"; tsyringe throws otherwise). Import x509 through this module only.
 * @abraham/reflection is the small ES-module polyfill the README lists.
 */
import '@abraham/reflection';

export * from '@peculiar/x509';
