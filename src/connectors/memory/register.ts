import {registerConnector} from '../../datasource/connector-registry';
import {MemoryConnector} from './memory-connector';

registerConnector('memory', settings => new MemoryConnector(settings));
