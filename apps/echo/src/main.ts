import { runService } from '@weir/core';
import { echoService } from './echo.service';

void runService(echoService);
