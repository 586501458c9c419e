/** Entry point of the nnlab web app. */
import './styles.css';
import { startApp } from './app';

void startApp(document.getElementById('app')!);
