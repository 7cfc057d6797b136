import '@/assets/snag.css';
import './popup.css';
import { mount } from '@/components/mount';
import { Popup } from './Popup';

mount(<Popup />);
