/** Entry point: the shell element is all the first paint needs. */
import './ui/app.ts';
